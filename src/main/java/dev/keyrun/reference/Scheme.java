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

  /**
   * Returns the scheme that {@code value} probably misspells: its text before the first colon
   * differs from a scheme's name by case, or by at most two edits for names of four letters or more
   * ({@code keyrng://}, {@code Env:}, {@code dotnev:}).
   */
  public static Optional<Scheme> closestTo(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String written = value.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    for (Scheme scheme : values()) {
      String name = scheme.prefix.substring(0, scheme.prefix.indexOf(':'));
      int allowed = name.length() >= 4 ? 2 : 0;
      if (EditDistance.between(written, name) <= allowed) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
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
