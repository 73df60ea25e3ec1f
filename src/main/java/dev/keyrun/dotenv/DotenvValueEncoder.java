package dev.keyrun.dotenv;

/**
 * Writes a value in keyrun's .env dialect so that {@link DotenvParser} reads back exactly the same
 * text, with nothing expanded.
 *
 * <p>Single quotes keep text literally, so they are used unless the value contains a single quote
 * or a CR. The parser turns every CR into LF, even inside quotes, so a CR must be written as the
 * escape {@code \r}. Every other value is double-quoted with {@code \\ \" \$ \n \r \t} escaped. The
 * escaped {@code $} means that no {@code ${NAME}} in the value is expanded.
 */
public final class DotenvValueEncoder {

  private DotenvValueEncoder() {}

  /**
   * Returns {@code value} quoted for the right side of {@code KEY=}. A single-quoted result may
   * contain raw LF line breaks, and a double-quoted one contains no line break.
   *
   * @throws IllegalArgumentException when the value contains a NUL character, which no environment
   *     variable can hold
   */
  public static String encode(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a .env value cannot contain a NUL character");
    }

    if (value.indexOf('\'') < 0 && value.indexOf('\r') < 0) {
      return "'" + value + "'";
    }
    return doubleQuoted(value);
  }

  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\', '"', '$' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
