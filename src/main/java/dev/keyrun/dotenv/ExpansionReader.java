package dev.keyrun.dotenv;

/**
 * Reads one {@code ${NAME}} or {@code ${NAME:-default}}. Any other <code>${</code> is rejected
 * instead of kept as text, so that a shell form such as {@code ${V:?message}} or a nested default
 * never silently becomes part of a password.
 */
final class ExpansionReader {

  static final String MALFORMED =
      "malformed ${...}: use ${NAME} or ${NAME:-default}, or single quotes for a literal";
  static final String NESTED = "nested ${...} inside a default is not supported";

  private final String source;

  ExpansionReader(String source) {
    this.source = source;
  }

  static boolean startsAt(LineCursor cursor) {
    return cursor.peek() == '$' && cursor.peek(1) == '{';
  }

  /** Reads the expansion that starts at the cursor and moves past its closing brace. */
  Segment.Variable read(LineCursor cursor, Quoting quoting) {
    int line = cursor.line();
    cursor.skip(2);

    String name = KeyGrammar.read(cursor);
    if (name.isEmpty()) {
      throw error(line, MALFORMED);
    }

    if (cursor.peek() == '}') {
      cursor.next();
      return new Segment.Variable(name, null, line);
    }

    if (cursor.peek() == ':' && cursor.peek(1) == '-') {
      cursor.skip(2);
      return new Segment.Variable(name, readDefault(cursor, quoting, line), line);
    }
    throw error(line, MALFORMED);
  }

  /**
   * Reads the default up to the first <code>}</code>, decoding the escapes of the value around it.
   * A default is never expanded, so an unescaped <code>${</code> in it is an error rather than
   * text.
   */
  private String readDefault(LineCursor cursor, Quoting quoting, int line) {
    StringBuilder text = new StringBuilder();
    while (cursor.peek() != '}') {
      if (quoting.endsValue(cursor)) {
        throw error(line, MALFORMED);
      }

      if (startsAt(cursor)) {
        throw error(cursor.line(), NESTED);
      }

      if (!quoting.decodeEscape(cursor, text)) {
        text.append(cursor.next());
      }
    }

    cursor.next();
    return text.toString();
  }

  private DotenvSyntaxException error(int line, String reason) {
    return new DotenvSyntaxException(source, line, reason, null);
  }
}
