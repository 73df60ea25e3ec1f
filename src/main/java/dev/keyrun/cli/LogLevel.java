package dev.keyrun.cli;

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

  /** Reads the level from keyrun's own arguments, which end at the first {@code --}. */
  static LogLevel fromArguments(String[] args) {
    LogLevel level = QUIET;
    for (String arg : args) {
      if ("--".equals(arg)) {
        break;
      }
      if ("--debug".equals(arg)) {
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
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
  }
}
