package dev.keyrun.cli;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.inventory.SystemdUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restarts systemd services with {@code systemctl restart UNIT}, or {@code systemctl --user restart
 * UNIT} for a user's service, one at a time. Each systemctl gets stdin from /dev/null, a timeout,
 * and keyrun's environment, which it needs to reach a user's manager.
 */
final class UnitRestarts {
  static final String DEFAULT_SYSTEMCTL = "/usr/bin/systemctl";

  private final Map<String, byte[]> environment;
  private final Duration timeout;

  /** The result of one restart, as one line without the {@code keyrun: } prefix. */
  record Result(SystemdUnit unit, boolean restarted, String line) {}

  UnitRestarts(Map<String, byte[]> environment, Duration timeout) {
    this.environment = environment;
    this.timeout = timeout;
  }

  /** Returns the systemctl program: {@code KEYRUN_SYSTEMCTL_BIN}, else the system's. */
  String systemctl() {
    byte[] configured = environment.get("KEYRUN_SYSTEMCTL_BIN");
    if (configured != null && configured.length > 0) {
      return new String(configured, StandardCharsets.UTF_8);
    }
    return DEFAULT_SYSTEMCTL;
  }

  Result restart(SystemdUnit unit) {
    String name = unit.name() + " (" + unit.scope() + " unit)";
    List<String> command = new ArrayList<>(List.of(systemctl()));
    if (unit.user()) {
      command.add("--user");
    }
    command.add("restart");
    command.add(unit.name());

    HelperProcess.Result result;
    try {
      result = HelperProcess.run(command, environment, null, Instant.now().plus(timeout));
    } catch (IOException e) {
      return new Result(unit, false, name + ": cannot run " + command.get(0) + ": " + reason(e));
    } catch (HelperProcess.TimedOut e) {
      return new Result(
          unit, false, name + ": systemctl timed out after " + timeout.toSeconds() + " s");
    }

    if (result.exitCode() == 0) {
      return new Result(unit, true, "restarted " + name);
    }
    String message = result.firstErrorLine();
    return new Result(
        unit,
        false,
        name
            + ": restart failed, systemctl exited with status "
            + result.exitCode()
            + (message.isEmpty() ? "" : ": " + message));
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
