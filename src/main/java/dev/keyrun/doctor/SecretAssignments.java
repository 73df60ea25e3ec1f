package dev.keyrun.doctor;

import dev.keyrun.reference.Reference;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a {@code NAME=VALUE} assignment puts a secret into an environment: a value in a
 * well-known key format (see {@link KeyPatterns}), a URL with a password, or a name that looks
 * secret with a value that does not look harmless. The heuristic trades a few misses for few false
 * alarms, because a doctor that cries wolf gets ignored.
 */
final class SecretAssignments {
  /** Words of a name that mark a secret: {@code API_KEY}, {@code DB_PASSWORD}, {@code AUTH}. */
  private static final Set<String> SECRET_WORDS =
      Set.of(
          "KEY",
          "KEYS",
          "APIKEY",
          "TOKEN",
          "TOKENS",
          "SECRET",
          "SECRETS",
          "PASSWORD",
          "PASSWD",
          "PASS",
          "CREDENTIAL",
          "CREDENTIALS",
          "CREDS",
          "AUTH");

  /**
   * Last words of a name that say the value is about a secret but is not one: {@code
   * SSH_AUTH_SOCK}, {@code TOKEN_FILE}, {@code AUTH_URL}, {@code AWS_ACCESS_KEY_ID}.
   */
  private static final Set<String> HARMLESS_LAST_WORDS =
      Set.of(
          "FILE",
          "PATH",
          "DIR",
          "DIRECTORY",
          "SOCK",
          "SOCKET",
          "URL",
          "URI",
          "HOST",
          "PORT",
          "ENDPOINT",
          "TYPE",
          "METHOD",
          "MODE",
          "ID",
          "NAME",
          "USER",
          "USERNAME",
          "ENABLED",
          "ENABLE",
          "DISABLED",
          "TIMEOUT",
          "TTL",
          "SIZE",
          "LENGTH",
          "ALGORITHM",
          "REGION",
          "HEADER",
          "PROVIDER",
          "DOMAIN",
          "ISSUER",
          "SCOPE",
          "SCOPES",
          "REF",
          "REFERENCE");

  private static final Set<String> HARMLESS_VALUES =
      Set.of("true", "false", "yes", "no", "on", "off", "0", "1");

  /** A URL with a password in its user information, such as {@code postgres://app:pw@db/app}. */
  private static final Pattern URL_WITH_PASSWORD =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@:\\s]*:[^/@\\s]+@.*");

  private SecretAssignments() {}

  /**
   * Returns the redacted value and what makes it a secret, such as {@code sk-...(51 chars), an API
   * key in the OpenAI format}; empty when the value of {@code name} does not look like one.
   */
  static Optional<String> describe(String name, String value) {
    if (value.isEmpty() || Reference.isReference(value)) {
      return Optional.empty();
    }

    List<KeyPatterns.Match> keys = KeyPatterns.find(value);
    if (!keys.isEmpty()) {
      KeyPatterns.Match key = keys.get(0);
      return Optional.of(key.redacted() + ", an API key in the " + key.provider() + " format");
    }

    var url = URL_WITH_PASSWORD.matcher(value);
    if (url.matches()) {
      return Optional.of(
          KeyPatterns.redact(url.group(1), value.length()) + ", a URL with a password");
    }

    if (looksSecret(name) && !looksHarmless(value)) {
      return Optional.of(
          KeyPatterns.redact("", value.length()) + " under a name that looks secret");
    }
    return Optional.empty();
  }

  /** Tells whether {@code name} has a secret word and does not end in a harmless one. */
  static boolean looksSecret(String name) {
    String[] words = name.toUpperCase(Locale.ROOT).split("[_.-]+");
    if (words.length == 0 || HARMLESS_LAST_WORDS.contains(words[words.length - 1])) {
      return false;
    }
    for (String word : words) {
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether {@code value} is a flag such as {@code true} or {@code 0}, or an absolute path
   * such as {@code /etc/ssl/private/app.key} or {@code %d/api_key} (a file in the credentials
   * directory), which name a secret without being one.
   */
  private static boolean looksHarmless(String value) {
    if (HARMLESS_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (value.startsWith("%d/") || value.startsWith("${CREDENTIALS_DIRECTORY}")) {
      return true;
    }
    return value.startsWith("/") && value.indexOf('/', 1) > 0 && !value.contains(" ");
  }
}
