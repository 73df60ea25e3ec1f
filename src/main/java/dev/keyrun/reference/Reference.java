package dev.keyrun.reference;

import dev.keyrun.KeyrunException;
import java.util.Objects;
import java.util.Optional;

/**
 * The location of a secret: a scheme and the scheme-specific rest, such as {@code dotenv:API_KEY}.
 *
 * <p>A reference is not secret, so it may appear in messages and logs; what it resolves to may not.
 */
public record Reference(Scheme scheme, String body) {

  public Reference {
    Objects.requireNonNull(scheme);
    Objects.requireNonNull(body);
  }

  /** Returns the reference that {@code value} is, or empty for a plain value. */
  public static Optional<Reference> parse(String value) {
    return Scheme.of(value).map(s -> new Reference(s, value.substring(s.prefix().length())));
  }

  /** Tells whether {@code value} is a reference rather than a plain value. */
  public static boolean isReference(String value) {
    return Scheme.of(value).isPresent();
  }

  /**
   * Parses a value where only a reference makes sense (such as {@code keyrun read}), so an unknown
   * scheme is an error rather than a plain value. The message shows the scheme only, because a user
   * who typed a value by mistake must not see it echoed into a log.
   */
  public static Reference require(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                KeyrunException.failed(
                    describeScheme(value),
                    "not a keyrun reference",
                    "use one of: " + String.join(", ", prefixes())));
  }

  private static String describeScheme(String value) {
    int colon = value.indexOf(':');
    boolean looksLikeScheme =
        colon > 0 && value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    return looksLikeScheme ? "scheme '" + value.substring(0, colon + 1) + "'" : "reference";
  }

  private static String[] prefixes() {
    Scheme[] schemes = Scheme.values();
    String[] prefixes = new String[schemes.length];
    for (int i = 0; i < schemes.length; i++) {
      prefixes[i] = schemes[i].prefix() + "...";
    }
    return prefixes;
  }

  @Override
  public String toString() {
    return scheme.prefix() + body;
  }
}
