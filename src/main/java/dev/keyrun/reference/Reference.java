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
   * Parses a value where only a reference makes sense (such as {@code keyrun read}), so a value
   * without a known scheme is an error rather than a plain value. The message never repeats the
   * value, because a user who pasted a secret by mistake must not see it echoed into a log. It
   * names the scheme the value probably meant, if any.
   *
   * @param hint what to do instead, such as the schemes this build serves
   */
  public static Reference require(String value, String hint) {
    Optional<Reference> reference = parse(value);
    if (reference.isPresent()) {
      return reference.get();
    }
    String problem =
        Scheme.closestTo(value)
            .map(s -> "unknown scheme; did you mean " + s.prefix() + "?")
            .orElse("not a keyrun reference (no known scheme)");
    if (value.indexOf(':') < 0) {
      hint = "a key of the dotenv store is written dotenv:KEY; " + hint;
    }
    throw KeyrunException.failed("reference", problem, hint);
  }

  // equals and hashCode are written out because a record's generated ones are bootstrapped through
  // invokedynamic on first use, which cost about 4 ms at every start, where references are map
  // keys.
  @Override
  public boolean equals(Object other) {
    return other instanceof Reference reference
        && scheme == reference.scheme
        && body.equals(reference.body);
  }

  @Override
  public int hashCode() {
    return 31 * scheme.hashCode() + body.hashCode();
  }

  @Override
  public String toString() {
    return scheme.prefix() + body;
  }
}
