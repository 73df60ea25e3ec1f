package dev.keyrun.dotenv;

/**
 * The two kinds of value in which {@code ${NAME}} is expanded, with the escapes each one decodes.
 * Single-quoted values need no entry here because they decode nothing.
 */
enum Quoting {
  UNQUOTED,
  DOUBLE_QUOTED;

  /**
   * Decodes the escape at the cursor into {@code out} and moves past it. Returns false, without
   * moving, when the cursor is not at a backslash.
   *
   * <p>Unquoted values keep every backslash except the one in {@code \$}, so Windows paths and
   * regular expressions survive. In double quotes, {@code \n \r \t \\ \" \$} are decoded and any
   * other backslash is kept. Only the backslash is consumed then, so in <code>\}</code> the brace
   * still ends a default.
   */
  boolean decodeEscape(LineCursor cursor, StringBuilder out) {
    if (cursor.peek() != '\\') {
      return false;
    }

    char decoded = decode(cursor.peek(1));
    if (decoded == LineCursor.END) {
      out.append(cursor.next());
      return true;
    }

    cursor.skip(2);
    out.append(decoded);
    return true;
  }

  /**
   * Returns whether a value of this kind ends at the cursor. An unquoted value ends at the line
   * break, and a double-quoted one at a quote or at the end of the file.
   */
  boolean endsValue(LineCursor cursor) {
    if (this == UNQUOTED) {
      return cursor.atLineEnd();
    }
    return cursor.atEnd() || cursor.peek() == '"';
  }

  private char decode(char escaped) {
    if (this == UNQUOTED) {
      return escaped == '$' ? '$' : LineCursor.END;
    }

    return switch (escaped) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case '\\', '"', '$' -> escaped;
      default -> LineCursor.END;
    };
  }
}
