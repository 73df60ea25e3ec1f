package dev.keyrun.dotenv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the keyrun .env dialect into entries without looking up any variable.
 *
 * <p>The dialect never guesses: a line that is not blank, a comment or {@code [export ]KEY=VALUE}
 * rejects the whole file, so a typo cannot silently drop or shorten a secret. Every error names the
 * file and the physical line, and never a value.
 */
public final class DotenvParser {

  static final String NOT_AN_ASSIGNMENT = "not an assignment (expected KEY=VALUE)";

  private static final String EXPORT = "export";

  private final String source;
  private final LineCursor cursor;
  private final ValueReader values;

  private DotenvParser(String source, String text) {
    this.source = source;
    this.cursor = LineCursor.over(text);
    this.values = new ValueReader(source);
  }

  /**
   * Parses a whole file that must be UTF-8.
   *
   * @param source the file name used in errors
   * @return the entries in file order, with repeated keys kept
   * @throws DotenvSyntaxException for invalid UTF-8 or any syntax error
   */
  public static List<DotenvEntry> parse(String source, byte[] content) {
    return parse(source, Utf8Decoder.decode(source, content));
  }

  /**
   * Parses a whole file that is already decoded.
   *
   * @param source the file name used in errors
   * @return the entries in file order, with repeated keys kept
   * @throws DotenvSyntaxException for any syntax error
   */
  public static List<DotenvEntry> parse(String source, String text) {
    List<DotenvEntry> entries = new ArrayList<>();
    parse(source, text, entries::add);
    return List.copyOf(entries);
  }

  /**
   * Parses a file and passes each entry to {@code sink} as soon as it is read. A sink that throws
   * stops the parse there, which lets the expander report the first error in file order.
   */
  static void parse(String source, String text, Consumer<DotenvEntry> sink) {
    new DotenvParser(source, text).parseLines(sink);
  }

  private void parseLines(Consumer<DotenvEntry> sink) {
    while (!cursor.atEnd()) {
      cursor.skipBlanks();
      if (cursor.peek() == '#') {
        cursor.skipToLineEnd();
      }

      if (!cursor.atLineEnd()) {
        sink.accept(parseAssignment());
      }
      cursor.skipLineBreak();
    }
  }

  private DotenvEntry parseAssignment() {
    int line = cursor.line();
    String left = cursor.textBefore('=');
    if (left == null) {
      throw error(line, NOT_AN_ASSIGNMENT);
    }

    String key = keyOf(left);
    if (!KeyGrammar.isValid(key)) {
      throw error(line, "invalid key " + quoted(key));
    }

    cursor.skip(left.length() + 1);
    ValueReader.Value value = values.read(cursor);
    return new DotenvEntry(key, value.segments(), line, cursor.line(), value.span());
  }

  /** Returns the key written left of the {@code =}, without blanks and an {@code export} prefix. */
  private static String keyOf(String left) {
    String key = stripBlanks(left);

    boolean exported =
        key.startsWith(EXPORT)
            && key.length() > EXPORT.length()
            && LineCursor.isBlank(key.charAt(EXPORT.length()));
    if (exported) {
      key = stripBlanks(key.substring(EXPORT.length()));
    }
    return key;
  }

  /** Strips spaces and tabs only, so that other whitespace in a key makes the key invalid. */
  private static String stripBlanks(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && LineCursor.isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && LineCursor.isBlank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Quotes a rejected key so that an empty key or one with blanks is visible in the message. */
  private static String quoted(String key) {
    return key.indexOf('\'') >= 0 ? "\"" + key + "\"" : "'" + key + "'";
  }

  private DotenvSyntaxException error(int line, String reason) {
    return new DotenvSyntaxException(source, line, reason, null);
  }
}
