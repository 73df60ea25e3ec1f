package dev.keyrun.dotenv;

import java.util.List;
import java.util.Objects;

/**
 * An entry after expansion: either one reference piece, or text pieces mixed with reference pieces
 * (a composed value such as {@code postgres://app:${DB_PASS}@db/app}).
 *
 * <p>Adjacent text pieces are always merged and empty text is dropped, so an empty value has no
 * pieces. {@link #toString()} shows the key and location only, because the text may be a secret.
 *
 * @param key the key the value is assigned to
 * @param pieces the value in order
 * @param source the file name used in messages
 * @param line the 1-based physical line of the assignment that won
 * @param plaintextInFile whether an assignment of this key, this one or an earlier one it replaced,
 *     writes a plain value in the file: text (a literal or a default) and no reference, as opposed
 *     to references and values made only of {@code ${NAME}} expansions
 */
public record ExpandedValue(
    String key, List<Piece> pieces, String source, int line, boolean plaintextInFile) {

  public ExpandedValue {
    Objects.requireNonNull(key, "key");
    pieces = List.copyOf(pieces);
  }

  /** Returns whether the whole value is exactly one store reference. */
  public boolean isReference() {
    return pieces.size() == 1 && pieces.get(0).reference();
  }

  /** Returns whether the value contains no reference, so it needs no store. */
  public boolean isPlain() {
    return pieces.stream().noneMatch(Piece::reference);
  }

  /**
   * Returns the value as one string.
   *
   * @throws IllegalStateException if a piece is a reference, because its secret is not known here
   */
  public String plainText() {
    if (!isPlain()) {
      throw new IllegalStateException(
          source + ":" + line + ": " + key + " contains a reference that is not resolved");
    }

    StringBuilder text = new StringBuilder();
    for (Piece piece : pieces) {
      text.append(piece.text());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "ExpandedValue[key=" + key + ", source=" + source + ", line=" + line + "]";
  }
}
