package dev.keyrun.backend.systemd;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code systemd-creds} (or {@code KEYRUN_SYSTEMD_CREDS_BIN}) for the store that decrypts
 * credentials and for the commands that encrypt them. A value reaches it only on stdin.
 */
public final class SystemdCredsTool {
  private SystemdCredsTool() {}

  /**
   * Encrypts {@code value} as the credential {@code name} into {@code output} with {@code
   * systemd-creds encrypt --with-key=KEY}. The caller checks the exit status, because the message
   * and hint for a failure differ between callers.
   *
   * @throws HelperProcess.TimedOut when systemd-creds outlives {@code deadline}
   * @throws StoreException when systemd-creds cannot be started
   */
  public static HelperProcess.Result encrypt(
      String name,
      String key,
      Path output,
      byte[] value,
      Map<String, byte[]> environment,
      Instant deadline)
      throws HelperProcess.TimedOut, StoreException {
    List<String> arguments =
        List.of("encrypt", "--name=" + name, "--with-key=" + key, "-", output.toString());
    return run(arguments, value, environment, deadline);
  }

  /**
   * Runs systemd-creds with {@code arguments}, and {@code input} on stdin when it is not null.
   *
   * @throws HelperProcess.TimedOut when systemd-creds outlives {@code deadline}
   * @throws StoreException when systemd-creds cannot be started
   */
  static HelperProcess.Result run(
      List<String> arguments, byte[] input, Map<String, byte[]> environment, Instant deadline)
      throws HelperProcess.TimedOut, StoreException {
    String tool = SystemdCredsStore.tool(environment);
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(arguments);
    try {
      return HelperProcess.run(command, environment, input, deadline);
    } catch (IOException e) {
      throw new StoreException(
          "cannot run " + tool,
          "install systemd 250 or newer (Debian: apt install systemd), or set"
              + " KEYRUN_SYSTEMD_CREDS_BIN",
          e);
    }
  }
}
