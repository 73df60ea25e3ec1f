package dev.keyrun.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON string escapings of a value (RFC 8259), without the surrounding quotes.
 *
 * <p>Every variant escapes {@code "}, {@code \} and the control characters below U+0020, using
 * {@code \n \t \r \b \f} where they exist and <code>&#92;u00XX</code> for the others. Encoders
 * differ in three choices, and every combination is generated:
 *
 * <ul>
 *   <li>whether {@code /} is written as {@code \/} (PHP's {@code json_encode} does so by default);
 *   <li>whether everything from U+007F up is written as <code>&#92;uXXXX</code>, with UTF-16
 *       surrogate pairs above U+FFFF, as Python's {@code json.dumps} does by default, or kept as
 *       raw bytes;
 *   <li>whether the hex digits of <code>&#92;u</code> escapes are lowercase (Python, JavaScript,
 *       PHP) or uppercase (Jackson).
 * </ul>
 */
final class JsonForms {

  private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** The length of the longest escape, <code>&#92;uXXXX</code>, in bytes. */
  private static final int MAX_ESCAPE_LENGTH = 6;

  private JsonForms() {}

  /** Returns the escapings of {@code value}, possibly with duplicates. */
  static List<byte[]> encode(byte[] value) {
    List<byte[]> forms = new ArrayList<>();
    char[] units = SurrogateEscapeDecoder.decode(value);
    for (byte[] hexDigits : List.of(LOWER_HEX, UPPER_HEX)) {
      for (boolean escapeSlash : new boolean[] {false, true}) {
        forms.add(escapeBytes(value, escapeSlash, hexDigits));
        forms.add(escapeAscii(units, escapeSlash, hexDigits));
      }
    }
    Arrays.fill(units, '\0');
    return forms;
  }

  /** Escapes {@code value} byte by byte and keeps every byte from 0x7F up as it is. */
  private static byte[] escapeBytes(byte[] value, boolean escapeSlash, byte[] hexDigits) {
    byte[] escaped = new byte[MAX_ESCAPE_LENGTH * value.length];
    int length = 0;
    for (byte b : value) {
      length = append(escaped, length, b & 0xff, escapeSlash, hexDigits);
    }
    return copyAndWipe(escaped, length);
  }

  /** Escapes {@code units} into ASCII, with a Unicode escape for each unit from U+007F up. */
  private static byte[] escapeAscii(char[] units, boolean escapeSlash, byte[] hexDigits) {
    byte[] escaped = new byte[MAX_ESCAPE_LENGTH * units.length];
    int length = 0;
    for (char unit : units) {
      if (unit >= 0x7f) {
        length = appendUnicodeEscape(escaped, length, unit, hexDigits);
      } else {
        length = append(escaped, length, unit, escapeSlash, hexDigits);
      }
    }
    return copyAndWipe(escaped, length);
  }

  /**
   * Appends {@code c} (below 0x100) to {@code out} at {@code length} and returns the new length.
   */
  private static int append(byte[] out, int length, int c, boolean escapeSlash, byte[] hexDigits) {
    char shortEscape =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\n' -> 'n';
          case '\r' -> 'r';
          case '\t' -> 't';
          case '\b' -> 'b';
          case '\f' -> 'f';
          case '/' -> escapeSlash ? '/' : 0;
          default -> 0;
        };

    if (shortEscape != 0) {
      out[length] = '\\';
      out[length + 1] = (byte) shortEscape;
      return length + 2;
    }
    if (c < 0x20) {
      return appendUnicodeEscape(out, length, c, hexDigits);
    }
    out[length] = (byte) c;
    return length + 1;
  }

  private static int appendUnicodeEscape(byte[] out, int length, int unit, byte[] hexDigits) {
    out[length] = '\\';
    out[length + 1] = 'u';
    for (int digit = 0; digit < 4; digit++) {
      int shift = 12 - 4 * digit;
      out[length + 2 + digit] = hexDigits[(unit >> shift) & 0xf];
    }
    return length + MAX_ESCAPE_LENGTH;
  }

  private static byte[] copyAndWipe(byte[] buffer, int length) {
    byte[] result = Arrays.copyOf(buffer, length);
    Arrays.fill(buffer, (byte) 0);
    return result;
  }
}
