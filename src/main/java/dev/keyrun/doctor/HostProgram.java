package dev.keyrun.doctor;

import dev.keyrun.backend.HelperProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a system tool for a machine check, such as {@code fdesetup} or {@code tmutil}: the program
 * path from its {@code KEYRUN_<NAME>_BIN} variable or PATH, stdin from /dev/null, keyrun's
 * environment and a timeout. Arguments are options and file names, never a value.
 */
final class HostProgram {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** The exit status and output of one run. */
  record Result(int status, String stdout, String firstErrorLine) {}

  private final Host host;
  private final String variable;
  private final String name;

  HostProgram(Host host, String variable, String name) {
    this.host = host;
    this.variable = variable;
    this.name = name;
  }

  /** Returns the program that runs: the variable's value, or the name looked up on PATH. */
  String program() {
    return host.program(variable, name);
  }

  /**
   * Runs the program with {@code arguments}.
   *
   * @throws IOException when the program cannot start or times out
   */
  Result run(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(program()));
    command.addAll(List.of(arguments));
    Map<String, byte[]> environment = new HashMap<>();
    host.environment()
        .forEach((key, value) -> environment.put(key, value.getBytes(StandardCharsets.UTF_8)));

    try {
      HelperProcess.Result result =
          HelperProcess.run(command, environment, null, Instant.now().plus(TIMEOUT));
      return new Result(
          result.exitCode(),
          new String(result.stdout(), StandardCharsets.UTF_8),
          result.firstErrorLine());
    } catch (HelperProcess.TimedOut e) {
      throw new IOException(name + " timed out after " + TIMEOUT.toSeconds() + "s", e);
    }
  }
}
