package dev.keyrun.cli;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.config.UserConfig;
import dev.keyrun.launch.ProcessEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * The world the commands work in: keyrun's environment, the home directory, the user's config and
 * the stores.
 */
final class Services {
  private final Map<String, byte[]> environment = ProcessEnvironment.read();
  private final BackendRegistry registry = BackendRegistry.load();
  private UserConfig config;

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

  /** Returns the user's config, read on the first call, so a command that needs none reads none. */
  UserConfig config() {
    if (config == null) {
      config = UserConfig.load(environment, home());
    }
    return config;
  }

  /** Returns the time the stores get: --timeout, else the config's timeout. */
  Duration timeout(ParseResult parsed) {
    return RunOptions.timeout(parsed, config());
  }

  StoreContext storeContext(Duration timeout) {
    return new StoreContext(
        environment, home(), Instant.now().plus(timeout), config().storeSettings());
  }
}
