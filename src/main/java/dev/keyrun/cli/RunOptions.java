package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.run.RunRequest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.ParseResult;

/** Turns the parsed options of {@code keyrun [run]} into a validated {@link RunRequest}. */
final class RunOptions {
  static final Path DEFAULT_ENV_FILE = Path.of(".env");

  private RunOptions() {}

  static RunRequest toRequest(ParseResult parsed) {
    List<String> command = parsed.matchedPositionalValue(0, List.of());
    if (command.isEmpty()) {
      throw KeyrunException.failed(
          "run", "no command given", "put the command after --, as in: keyrun -- python app.py");
    }

    int timeoutSeconds =
        parsed.matchedOptionValue(CommandSpecs.TIMEOUT, CommandSpecs.DEFAULT_TIMEOUT_SECONDS);
    if (timeoutSeconds <= 0) {
      throw KeyrunException.failed(
          "--timeout " + timeoutSeconds, "must be a positive number of seconds", null);
    }

    List<String> only = parsed.matchedOptionValue(CommandSpecs.ONLY, List.of());
    return new RunRequest(
        envFiles(parsed.matchedOptionValue(CommandSpecs.ENV_FILE, List.of())),
        new LinkedHashSet<>(only),
        parsed.hasMatchedOption(CommandSpecs.CLEAN_ENV),
        !parsed.hasMatchedOption(CommandSpecs.NO_OVERRIDE),
        Duration.ofSeconds(timeoutSeconds),
        parsed.hasMatchedOption(CommandSpecs.NO_EXEC),
        command);
  }

  private static List<Path> envFiles(List<Path> given) {
    if (!given.isEmpty()) {
      return given;
    }
    return Files.exists(DEFAULT_ENV_FILE, LinkOption.NOFOLLOW_LINKS)
        ? List.of(DEFAULT_ENV_FILE)
        : List.of();
  }
}
