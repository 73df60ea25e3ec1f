package dev.keyrun.dotenv;

/**
 * A position in the text of a .env file that keeps track of the physical line, so that every error
 * can name the line where it occurs, even inside a multi-line quoted value.
 */
final class LineCursor {

  static final char END = '\0';

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String text;
  private int position;
  private int line = 1;
  private int lineStart;

  private LineCursor(String text) {
    this.text = text;
  }

  /**
   * Creates a cursor at the start of {@code text} with a leading byte order mark removed and every
   * CRLF or bare CR turned into LF. The conversion also applies inside quotes, where the dialect
   * keeps a line break as LF whatever the file used.
   */
  static LineCursor over(String text) {
    String body = text.startsWith(String.valueOf(BYTE_ORDER_MARK)) ? text.substring(1) : text;
    String unixLines = body.replace("\r\n", "\n").replace('\r', '\n');
    return new LineCursor(unixLines);
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  int line() {
    return line;
  }

  /** Returns the 0-based position within the current physical line, not counting a BOM. */
  int column() {
    return position - lineStart;
  }

  /** Returns where the cursor is, as a physical line and column. */
  ValueSpan.Position position() {
    return new ValueSpan.Position(line, column());
  }

  boolean atEnd() {
    return position >= text.length();
  }

  boolean atLineEnd() {
    return atEnd() || text.charAt(position) == '\n';
  }

  /** Returns the current character, or {@link #END} after the last one. */
  char peek() {
    return peek(0);
  }

  /** Returns the character {@code offset} places ahead, or {@link #END} past the end. */
  char peek(int offset) {
    int index = position + offset;
    return index < text.length() ? text.charAt(index) : END;
  }

  /** Moves past the current character, counting a line break. */
  char next() {
    char c = text.charAt(position);
    position++;
    if (c == '\n') {
      line++;
      lineStart = position;
    }
    return c;
  }

  void skip(int count) {
    for (int i = 0; i < count; i++) {
      next();
    }
  }

  /** Skips spaces and tabs and returns how many were skipped. */
  int skipBlanks() {
    int start = position;
    while (isBlank(peek())) {
      position++;
    }
    return position - start;
  }

  /** Moves to the line break that ends the current line, or to the end of the text. */
  void skipToLineEnd() {
    while (!atLineEnd()) {
      position++;
    }
  }

  /** Moves past the line break that ends the current line, if there is one. */
  void skipLineBreak() {
    if (!atEnd()) {
      next();
    }
  }

  /**
   * Returns the text from the current position up to, but not including, the first {@code c} on the
   * current line, or null when the line does not contain {@code c}. The position is unchanged.
   */
  String textBefore(char c) {
    int lineEnd = text.indexOf('\n', position);
    int limit = lineEnd < 0 ? text.length() : lineEnd;

    int index = text.indexOf(c, position);
    if (index < 0 || index >= limit) {
      return null;
    }
    return text.substring(position, index);
  }
}
