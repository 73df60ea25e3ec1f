package dev.keyrun.terminal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A command to run on a pseudo-terminal.
 *
 * @param program the located program, as an absolute path; it is also the child's argv[0]
 * @param arguments the arguments after the program
 * @param environment the child's complete environment; {@code TERM} is passed as given
 */
public record PtyCommand(Path program, List<String> arguments, Map<String, String> environment) {
  public PtyCommand {
    if (!program.isAbsolute()) {
      throw new IllegalArgumentException("program must be an absolute path: " + program);
    }
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  /** Names the program and counts the rest, because the environment contains secret values. */
  @Override
  public String toString() {
    return "PtyCommand[program="
        + program
        + ", "
        + arguments.size()
        + " arguments, "
        + environment.size()
        + " environment variables]";
  }
}
