package dev.keyrun.cli;

import dev.keyrun.ExitCode;
import java.util.Set;
import picocli.CommandLine;

/**
 * The subcommands that manage keys and projects rather than run a command. Where keyrun's own
 * failure gives 125 under {@code run} (the {@code env(1)} convention, which keeps it apart from a
 * child's status), these commands exit with {@link ExitCode#USAGE} instead.
 */
final class ManagementCommands {
  static final Set<String> NAMES =
      Set.of("init", "config", "import", "where", "rotate", "ls", "check", "advise", "doctor");

  private ManagementCommands() {}

  /** Returns {@code status}, with 125 replaced by 2 for a management command. */
  static int failureStatus(String command, int status) {
    return status == ExitCode.KEYRUN_FAILED && NAMES.contains(command) ? ExitCode.USAGE : status;
  }

  /** Returns the name of the top-level subcommand that {@code commandLine} belongs to. */
  static String topLevelName(CommandLine commandLine) {
    CommandLine current = commandLine;
    while (current.getParent() != null && current.getParent().getParent() != null) {
      current = current.getParent();
    }
    return current.getParent() == null ? "run" : current.getCommandName();
  }
}
