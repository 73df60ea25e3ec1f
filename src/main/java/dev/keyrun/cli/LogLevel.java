package dev.keyrun.cli;

import java.util.Set;

/**
 * How much keyrun logs: nothing but warnings by default, keys and timings with {@code --verbose},
 * and stack traces too with {@code --debug}. Never values.
 */
enum LogLevel {
  QUIET("warn"),
  VERBOSE("info"),
  DEBUG("debug");

  private final String slf4jLevel;

  LogLevel(String slf4jLevel) {
    this.slf4jLevel = slf4jLevel;
  }

  /** keyrun's options that take a value in the next argument. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of(
          "-e",
          CommandSpecs.ENV_FILE,
          CommandSpecs.ONLY,
          CommandSpecs.TIMEOUT,
          CommandSpecs.PROFILE,
          CommandSpecs.MANIFEST);

  private static final Set<String> SUBCOMMANDS = Set.of("run", "read");

  /**
   * Reads the level from keyrun's own arguments, which end at {@code --} or at the command, whose
   * own {@code --verbose} must not change keyrun's logging.
   */
  static LogLevel fromArguments(String[] args) {
    LogLevel level = QUIET;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ("--".equals(arg) || (!arg.startsWith("-") && !(i == 0 && SUBCOMMANDS.contains(arg)))) {
        break;
      }
      if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if ("--debug".equals(arg)) {
        level = DEBUG;
      } else if (("-v".equals(arg) || "--verbose".equals(arg)) && level == QUIET) {
        level = VERBOSE;
      }
    }
    return level;
  }

  boolean debug() {
    return this == DEBUG;
  }

  /** Sets slf4j-simple's properties; must run before the first logger is created. */
  void configure() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", slf4jLevel);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
  }
}
