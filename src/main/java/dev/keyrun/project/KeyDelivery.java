package dev.keyrun.project;

import java.util.Optional;

/** The way a manifest key reaches the command, as its {@code delivery} field sets it. */
public enum KeyDelivery {
  /**
   * No {@code delivery} field: an environment variable, except for a {@code systemd-creds://}
   * reference, which is a file as it is in an env file.
   */
  DEFAULT,
  /** {@code delivery = "env"}: an environment variable, as {@code --as-env NAME} requests. */
  ENV,
  /** {@code delivery = "file"}: a file, as {@code --file NAME} requests. */
  FILE;

  /** Returns the delivery a field value names, or empty for a value other than env and file. */
  static Optional<KeyDelivery> named(String value) {
    switch (value) {
      case "env":
        return Optional.of(ENV);
      case "file":
        return Optional.of(FILE);
      default:
        return Optional.empty();
    }
  }
}
