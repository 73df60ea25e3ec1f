package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.run.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code keyrun run}, shared by the top-level command, where run is the default. */
final class RunOptions {
  static final Path DEFAULT_ENV_FILE = Path.of(".env");

  @Option(
      names = {"-e", "--env-file"},
      paramLabel = "FILE",
      description =
          "Read KEY=VALUE lines from FILE (repeatable; later files override earlier ones)."
              + " Without this option, ./.env is read when it exists.")
  List<Path> envFiles = new ArrayList<>();

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "NAME",
      description = "Pass only these declared keys to the command (comma-separated).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--clean-env",
      description =
          "Start the command from PATH, HOME, USER, LANG, LC_*, TERM, TZ and TMPDIR plus the"
              + " declared keys, instead of keyrun's whole environment.")
  boolean cleanEnv;

  @Option(
      names = "--no-override",
      description = "Let inherited variables win over declared keys of the same name.")
  boolean noOverride;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Give the stores at most SECONDS to resolve every reference (default: 30).")
  int timeoutSeconds;

  @Option(
      names = "--no-exec",
      description =
          "Keep keyrun running as the command's parent, forwarding signals, instead of replacing"
              + " itself with the command.")
  boolean noExec;

  @Parameters(paramLabel = "COMMAND", description = "The command to run, and its arguments.")
  List<String> command = new ArrayList<>();

  /** Validates the options and returns the request they describe. */
  RunRequest toRequest() {
    if (command.isEmpty()) {
      throw KeyrunException.failed(
          "run", "no command given", "put the command after --, as in: keyrun -- python app.py");
    }
    if (timeoutSeconds <= 0) {
      throw KeyrunException.failed(
          "--timeout " + timeoutSeconds, "must be a positive number of seconds", null);
    }
    return new RunRequest(
        envFiles(),
        new LinkedHashSet<>(only),
        cleanEnv,
        !noOverride,
        Duration.ofSeconds(timeoutSeconds),
        noExec,
        command);
  }

  private List<Path> envFiles() {
    if (!envFiles.isEmpty()) {
      return envFiles;
    }
    return Files.exists(DEFAULT_ENV_FILE, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        ? List.of(DEFAULT_ENV_FILE)
        : List.of();
  }
}
