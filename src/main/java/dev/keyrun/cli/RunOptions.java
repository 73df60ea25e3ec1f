package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.config.UserConfig;
import dev.keyrun.project.Project;
import dev.keyrun.run.Delivery;
import dev.keyrun.run.MaskMode;
import dev.keyrun.run.RunRequest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/** Turns the parsed options of {@code keyrun [run]} into a validated {@link RunRequest}. */
final class RunOptions {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");
  static final Path DEFAULT_ENV_FILE = Path.of(".env");

  private RunOptions() {}

  /** Returns the request of {@code parsed}, with the defaults of the user's config. */
  static RunRequest toRequest(
      ParseResult parsed, Map<String, byte[]> environment, UserConfig config) {
    List<String> command = parsed.matchedPositionalValue(0, List.of());
    if (command.isEmpty()) {
      throw KeyrunException.failed(
          "COMMAND", "missing", "put the command after --, as in: keyrun -- python3 app.py");
    }

    Duration timeout = timeout(parsed, config);
    List<String> only = keys(parsed, CommandSpecs.ONLY);
    Optional<Project> project = ProjectOptions.load(parsed, environment, config);
    return new RunRequest(
        envFiles(parsed, project.isPresent()),
        new LinkedHashSet<>(only),
        parsed.hasMatchedOption(CommandSpecs.CLEAN_ENV),
        !parsed.hasMatchedOption(CommandSpecs.NO_OVERRIDE),
        timeout,
        parsed.hasMatchedOption(CommandSpecs.NO_EXEC),
        delivery(parsed),
        maskMode(parsed, config),
        command,
        project);
  }

  private static Delivery delivery(ParseResult parsed) {
    return new Delivery(
        parsed.hasMatchedOption(CommandSpecs.AS_FILES),
        new LinkedHashSet<>(keys(parsed, CommandSpecs.FILE)),
        new LinkedHashSet<>(keys(parsed, CommandSpecs.AS_ENV)),
        parsed.hasMatchedOption(CommandSpecs.MEMFD));
  }

  static List<String> keys(ParseResult parsed, String option) {
    List<String> keys = parsed.matchedOptionValue(option, List.of());
    if (keys.contains("")) {
      throw KeyrunException.failed(
          option, "empty key name", "list keys separated by commas: " + option + " API_KEY,DB_URL");
    }
    return keys;
  }

  /** Returns --timeout when given, else the timeout of the user's config. */
  static Duration timeout(ParseResult parsed, UserConfig config) {
    if (!parsed.hasMatchedOption(CommandSpecs.TIMEOUT)) {
      return Duration.ofSeconds(config.timeoutSeconds());
    }
    int seconds = parsed.matchedOptionValue(CommandSpecs.TIMEOUT, 0);
    if (seconds <= 0) {
      throw KeyrunException.failed(
          "--timeout", "must be a positive number of seconds", "for example: --timeout 30");
    }
    return Duration.ofSeconds(seconds);
  }

  /** Returns the mode --mask or --no-mask chooses, else the mask setting of the user's config. */
  private static MaskMode maskMode(ParseResult parsed, UserConfig config) {
    boolean mask = parsed.hasMatchedOption(CommandSpecs.MASK);
    boolean noMask = parsed.hasMatchedOption(CommandSpecs.NO_MASK);
    if (mask && noMask) {
      throw KeyrunException.failed("--mask and --no-mask", "given together", "choose one of them");
    }
    if (mask) {
      return MaskMode.ON;
    }
    if (noMask) {
      return MaskMode.OFF;
    }
    return switch (config.mask()) {
      case "always" -> MaskMode.ON;
      case "never" -> MaskMode.OFF;
      default -> MaskMode.AUTO;
    };
  }

  /** Returns the env files of {@code parsed}: those given, else ./.env when it exists. */
  static List<Path> envFiles(ParseResult parsed) {
    return envFiles(parsed, false);
  }

  /**
   * Returns the env files of {@code parsed}: those given, else ./.env when it exists and no
   * manifest declares the project's keys.
   */
  static List<Path> envFiles(ParseResult parsed, boolean manifest) {
    List<Path> requested = parsed.matchedOptionValue(CommandSpecs.ENV_FILE, List.of());
    if (requested.contains(Path.of(""))) {
      throw KeyrunException.failed("--env-file", "empty file name", "name an env file");
    }
    if (manifest
        && requested.isEmpty()
        && Files.exists(DEFAULT_ENV_FILE, LinkOption.NOFOLLOW_LINKS)) {
      LOG.info(
          "{} is not read, since keyrun.toml declares the keys; --env-file .env reads it too",
          DEFAULT_ENV_FILE.toAbsolutePath());
    }
    if (!requested.isEmpty() || manifest) {
      return requested;
    }
    return Files.exists(DEFAULT_ENV_FILE, LinkOption.NOFOLLOW_LINKS)
        ? List.of(DEFAULT_ENV_FILE)
        : List.of();
  }
}
