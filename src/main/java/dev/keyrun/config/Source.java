package dev.keyrun.config;

import java.nio.file.Path;

/**
 * The origin of a setting's effective value: the built-in default, a line of the config file, or an
 * environment variable.
 */
public record Source(Kind kind, Path file, int line, String variable) {

  /** The places a value comes from, from the lowest precedence to the highest. */
  public enum Kind {
    DEFAULT,
    CONFIG_FILE,
    ENVIRONMENT
  }

  static Source builtIn() {
    return new Source(Kind.DEFAULT, null, 0, null);
  }

  static Source configFile(Path file, int line) {
    return new Source(Kind.CONFIG_FILE, file, line, null);
  }

  static Source environment(String variable) {
    return new Source(Kind.ENVIRONMENT, null, 0, variable);
  }

  /**
   * Returns the source as {@code keyrun config} shows it: {@code default}, {@code FILE:LINE} (or
   * {@code FILE} when the line is unknown) or {@code environment NAME}.
   */
  public String describe() {
    return switch (kind) {
      case DEFAULT -> "default";
      case CONFIG_FILE -> ConfigText.location(file, line);
      case ENVIRONMENT -> "environment " + variable;
    };
  }
}
