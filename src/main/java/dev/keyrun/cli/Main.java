package dev.keyrun.cli;

import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import dev.keyrun.launch.Posix;
import dev.keyrun.run.RunRequest;
import dev.keyrun.run.RunService;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Entry point: sets up logging, parses the command line, runs it and maps failures to a status. */
public final class Main {
  private static final String PICOCLI_CONVERTER_EXCLUDES = "picocli.converters.excludes";

  private Main() {}

  public static void main(String[] args) {
    Posix.preload();
    // keyrun converts no java.sql or java.time types; registering picocli's converters for them
    // takes reflective look-ups on every start.
    if (System.getProperty(PICOCLI_CONVERTER_EXCLUDES) == null) {
      System.setProperty(PICOCLI_CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
    }
    LogLevel level = LogLevel.fromArguments(args);
    level.configure();
    System.exit(execute(args, level, System.out, System.err));
  }

  /** Runs keyrun with {@code args} and returns its exit status, reporting failures on stderr. */
  static int execute(String[] args, LogLevel level, PrintStream stdout, PrintStream stderr) {
    CommandLine commandLine = new CommandLine(CommandSpecs.keyrun());
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (ParameterException e) {
      String command = ManagementCommands.topLevelName(e.getCommandLine());
      int status = report(UsageErrors.describe(e), level, stderr);
      return ManagementCommands.failureStatus(command, status);
    }

    String command = parsed.subcommand() == null ? "run" : parsed.subcommand().commandSpec().name();
    return ManagementCommands.failureStatus(command, execute(parsed, level, stdout, stderr));
  }

  private static int execute(
      ParseResult parsed, LogLevel level, PrintStream stdout, PrintStream stderr) {
    try {
      if (CommandLine.printHelpIfRequested(parsed)) {
        return System.out.checkError() ? outputFailed(stderr) : 0;
      }
      return dispatch(parsed, stdout, stderr);
    } catch (KeyrunException e) {
      return report(e, level, stderr);
    } catch (LinkageError e) {
      KeyrunException failure =
          KeyrunException.failed(
              "native access",
              "cannot load the C library binding (JNA): " + e.getClass().getSimpleName(),
              "reinstall keyrun with scripts/install.sh; run with --debug for details",
              e);
      return report(failure, level, stderr);
    } catch (Exception | Error e) {
      return internalError(e, level, stderr);
    }
  }

  private static int dispatch(ParseResult parsed, PrintStream stdout, PrintStream stderr)
      throws Exception {
    ParseResult subcommand = parsed.subcommand();
    if (subcommand != null) {
      rejectOptionsBefore(subcommand, parsed);
    }
    String name = subcommand == null ? "run" : subcommand.commandSpec().name();
    switch (name) {
      case "read":
        return ReadCommand.read(subcommand, stdout);
      case "inject":
        return new InjectCommand(stdout).inject(subcommand, System.in);
      case "export":
        return new ExportCommand(stdout, stderr).export(subcommand);
      case "set":
        return new WriteCommands(stderr).set(subcommand, System.in);
      case "delete":
        return new WriteCommands(stderr).delete(subcommand);
      case "where":
        return new WhereCommand(stdout).where(subcommand);
      case "rotate":
        return new RotateCommand(stdout, stderr).rotate(subcommand, System.in);
      case "systemd":
        return systemd(subcommand, stderr);
      case "import":
        return new ImportCommand(stdout, stderr).run(subcommand);
      case "init":
        return InitCommand.run(subcommand, stderr);
      case "completion":
        return CompletionCommand.print(subcommand, stdout);
      case "check":
        return new CheckCommand(stdout, stderr).check(subcommand);
      case "doctor":
        return new DoctorCommand(stdout, stderr).run(subcommand);
      case "ls":
        return new ListCommand(stdout, stderr).list(subcommand);
      case "advise":
        return new AdviseCommand(stdout, stderr).advise(subcommand, System.in);
      case "config":
        return new ConfigCommand(stdout).show(subcommand);
      default:
        break;
    }

    ParseResult run = subcommand == null ? parsed : subcommand;
    Services services = new Services();
    RunRequest request = RunOptions.toRequest(run, services.environment(), services.config());
    RunService service =
        new RunService(
            services.registry(),
            services.environment(),
            services.home(),
            services.config().storeSettings(),
            stderr);
    return service.run(request);
  }

  private static int systemd(ParseResult systemd, PrintStream stderr) throws Exception {
    ParseResult action = systemd.subcommand();
    if (action == null) {
      throw KeyrunException.failed(
          "keyrun systemd",
          "missing action",
          "use: keyrun systemd encrypt NAME, or keyrun systemd unit --name UNIT -- COMMAND");
    }
    if ("unit".equals(action.commandSpec().name())) {
      return new SystemdUnitCommand(System.out, stderr).unit(action);
    }
    return new SystemdEncryptCommand(stderr).encrypt(action, System.in);
  }

  /** Rejects run options written before a subcommand, where they would silently do nothing. */
  private static void rejectOptionsBefore(ParseResult subcommand, ParseResult parsed) {
    for (OptionSpec option : parsed.matchedOptions()) {
      if (!CommandSpecs.LOGGING_OPTIONS.contains(option.longestName())) {
        String name = subcommand.commandSpec().name();
        String optionName = option.longestName();
        boolean subcommandHasIt = subcommand.commandSpec().findOption(optionName) != null;
        String hint =
            subcommandHasIt
                ? "write it after the subcommand: keyrun " + name + " " + optionName + " ..."
                : "remove it: keyrun " + name + " has no " + optionName + " option";
        throw KeyrunException.failed(
            optionName, "given before '" + name + "', where it does not apply", hint);
      }
    }
  }

  private static int report(KeyrunException failure, LogLevel level, PrintStream stderr) {
    for (KeyrunException earlier : failure.earlier()) {
      print(earlier, level, stderr);
    }
    print(failure, level, stderr);
    return failure.exitCode();
  }

  private static void print(KeyrunException failure, LogLevel level, PrintStream stderr) {
    stderr.println(visible("keyrun: " + failure.subject() + ": " + failure.problem()));
    if (failure.hint() != null) {
      stderr.println(visible("keyrun: hint: " + failure.hint()));
    }
    if (level.debug() && failure.getCause() != null) {
      failure.getCause().printStackTrace(stderr);
    }
  }

  /**
   * Returns {@code line} with control characters written as {@code \xNN}, because references and
   * file names from an env file may contain them: a newline would split the one-line message, and
   * an escape sequence would act on the terminal.
   */
  static String visible(String line) {
    StringBuilder text = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        text.append(String.format("\\x%02x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static int outputFailed(PrintStream stderr) {
    stderr.println("keyrun: stdout: writing the help text failed");
    return ExitCode.KEYRUN_FAILED;
  }

  private static int internalError(Throwable e, LogLevel level, PrintStream stderr) {
    stderr.println("keyrun: internal error: " + e.getClass().getName());
    stderr.println("keyrun: hint: run again with --debug and report the stack trace");
    if (level.debug()) {
      e.printStackTrace(stderr);
    }
    return ExitCode.KEYRUN_FAILED;
  }
}
