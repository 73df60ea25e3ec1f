package dev.keyrun.reference;

import java.util.Optional;

/**
 * The reference schemes keyrun recognises. A value that starts with none of these prefixes is a
 * plain value, including URIs of other schemes such as {@code https://} or {@code postgres://}.
 */
public enum Scheme {
  OP("op://"),
  KEYCHAIN("keychain://"),
  SECRET_SERVICE("secret-service://"),
  KEYRING("keyring://"),
  DOTENV("dotenv:"),
  SYSTEMD_CREDS("systemd-creds://"),
  ENV("env://"),
  FILE("file://");

  private final String prefix;

  Scheme(String prefix) {
    this.prefix = prefix;
  }

  /** Returns the text a reference of this scheme starts with, such as {@code op://}. */
  public String prefix() {
    return prefix;
  }

  /** Returns the scheme whose prefix starts {@code value}, if any. */
  public static Optional<Scheme> of(String value) {
    for (Scheme scheme : values()) {
      if (value.startsWith(scheme.prefix)) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
  }
}
