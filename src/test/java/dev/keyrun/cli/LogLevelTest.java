package dev.keyrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogLevelTest {
  private static LogLevel of(String... args) {
    return LogLevel.fromArguments(args);
  }

  @Test
  void quietByDefault() {
    assertEquals(LogLevel.QUIET, of("--", "sh"));
  }

  @Test
  void verboseBeforeCommand() {
    assertEquals(LogLevel.VERBOSE, of("-v", "--", "sh"));
    assertEquals(LogLevel.VERBOSE, of("--verbose", "sh"));
  }

  @Test
  void debugWinsOverVerbose() {
    assertEquals(LogLevel.DEBUG, of("--debug", "-v", "--", "sh"));
    assertEquals(LogLevel.DEBUG, of("-v", "--debug", "--", "sh"));
  }

  @Test
  void commandsOwnVerboseIsIgnored() {
    assertEquals(LogLevel.QUIET, of("--", "sh", "--verbose"));
    assertEquals(LogLevel.QUIET, of("python", "-v", "app.py"));
  }

  @Test
  void optionValueIsNotTheCommand() {
    assertEquals(LogLevel.VERBOSE, of("--env-file", "app.env", "-v", "--", "sh"));
    assertEquals(LogLevel.VERBOSE, of("--only", "A,B", "--verbose", "sh"));
    assertEquals(LogLevel.VERBOSE, of("--profile", "server", "-v", "--", "sh"));
    assertEquals(LogLevel.VERBOSE, of("--manifest", "keyrun.toml", "--verbose", "sh"));
  }

  @Test
  void subcommandNameIsNotTheCommand() {
    assertEquals(LogLevel.VERBOSE, of("run", "-v", "--", "sh"));
    assertEquals(LogLevel.DEBUG, of("read", "--debug", "dotenv:KEY"));
  }
}
