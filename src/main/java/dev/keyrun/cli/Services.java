package dev.keyrun.cli;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.launch.ProcessEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The world the commands work in: keyrun's environment, the home directory and the stores. */
final class Services {
  private final Map<String, byte[]> environment = ProcessEnvironment.read();
  private final BackendRegistry registry = BackendRegistry.load();

  Map<String, byte[]> environment() {
    return environment;
  }

  BackendRegistry registry() {
    return registry;
  }

  /**
   * Returns $HOME when it is an absolute path, as shells and other tools use it, else the home
   * directory of the user's account.
   */
  Path home() {
    byte[] home = environment.get("HOME");
    if (home != null) {
      String text = new String(home, java.nio.charset.StandardCharsets.UTF_8);
      if (text.startsWith("/")) {
        return Path.of(text);
      }
    }
    return Path.of(System.getProperty("user.home"));
  }

  StoreContext storeContext(Duration timeout) {
    return new StoreContext(environment, home(), Instant.now().plus(timeout));
  }
}
