package dev.keyrun.cli;

import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Entry point: sets up logging, runs the command line and maps every failure to an exit status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    LogLevel level = LogLevel.fromArguments(args);
    level.configure();
    System.exit(execute(args, level, System.err));
  }

  /** Runs keyrun with {@code args} and returns its exit status, reporting failures on stderr. */
  static int execute(String[] args, LogLevel level, PrintStream stderr) {
    CommandLine commandLine = new CommandLine(new KeyrunCommand());
    commandLine.setStopAtPositional(true);
    commandLine.getSubcommands().values().forEach(sub -> sub.setStopAtPositional(true));
    commandLine.setParameterExceptionHandler((e, ignored) -> usageError(e, stderr));
    commandLine.setExecutionExceptionHandler(
        (e, ignoredCommand, ignoredResult) -> failure(e, level, stderr));
    return commandLine.execute(args);
  }

  private static int usageError(ParameterException e, PrintStream stderr) {
    String name = e.getCommandLine().getCommandName();
    stderr.println("keyrun: " + e.getMessage());
    stderr.println(
        "keyrun: hint: see " + ("keyrun".equals(name) ? "" : "keyrun ") + name + " --help");
    return ExitCode.KEYRUN_FAILED;
  }

  private static int failure(Exception e, LogLevel level, PrintStream stderr) {
    if (!(e instanceof KeyrunException failure)) {
      stderr.println("keyrun: internal error: " + e.getClass().getName());
      stderr.println("keyrun: hint: run again with --debug and report the stack trace");
      if (level.debug()) {
        e.printStackTrace(stderr);
      }
      return ExitCode.KEYRUN_FAILED;
    }

    for (KeyrunException earlier : failure.earlier()) {
      report(earlier, level, stderr);
    }
    report(failure, level, stderr);
    return failure.exitCode();
  }

  private static void report(KeyrunException failure, LogLevel level, PrintStream stderr) {
    stderr.println("keyrun: " + failure.subject() + ": " + failure.problem());
    if (failure.hint() != null) {
      stderr.println("keyrun: hint: " + failure.hint());
    }
    if (level.debug() && failure.getCause() != null) {
      failure.getCause().printStackTrace(stderr);
    }
  }
}
