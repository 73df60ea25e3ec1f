package dev.keyrun.dotenv;

import java.util.Objects;

/**
 * A piece of an expanded value: plain text, or the text of a store reference that is resolved later
 * and replaced by the secret it names.
 */
public record Piece(String text, boolean reference) {

  public Piece {
    Objects.requireNonNull(text, "text");
  }

  /** Shows the reference text, but never the plain text, which may be a secret. */
  @Override
  public String toString() {
    return reference ? "Piece[reference=" + text + "]" : "Piece[text, " + text.length() + " chars]";
  }

  static Piece ofText(String text) {
    return new Piece(text, false);
  }

  static Piece ofReference(String uri) {
    return new Piece(uri, true);
  }
}
