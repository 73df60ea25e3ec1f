package dev.keyrun.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * URL percent-encodings of a value (RFC 3986): every byte except the unreserved characters {@code
 * A-Z a-z 0-9 - . _ ~} becomes {@code %XX}. The variants: uppercase hex digits, as RFC 3986
 * recommends; lowercase hex digits; the HTML form encoding, which writes a space as {@code +};
 * Python's {@code urllib.parse.quote}, which keeps {@code /} by default; and JavaScript's {@code
 * encodeURIComponent}, which keeps {@code ! ' ( ) *} as well.
 */
final class PercentForms {

  private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private PercentForms() {}

  private static final String NONE_KEPT = "";
  private static final String PYTHON_QUOTE_KEPT = "/";
  private static final String URI_COMPONENT_KEPT = "!'()*";

  /** Returns the encodings of {@code value}, possibly with duplicates. */
  static List<byte[]> encode(byte[] value) {
    return List.of(
        encode(value, UPPER_HEX, false, NONE_KEPT),
        encode(value, LOWER_HEX, false, NONE_KEPT),
        encode(value, UPPER_HEX, true, NONE_KEPT),
        encode(value, UPPER_HEX, false, PYTHON_QUOTE_KEPT),
        encode(value, UPPER_HEX, false, URI_COMPONENT_KEPT));
  }

  private static byte[] encode(
      byte[] value, byte[] hexDigits, boolean spaceAsPlus, String alsoKept) {
    byte[] encoded = new byte[3 * value.length];
    int length = 0;
    for (byte b : value) {
      if (isUnreserved(b) || (b > 0 && alsoKept.indexOf(b) >= 0)) {
        encoded[length++] = b;
      } else if (b == ' ' && spaceAsPlus) {
        encoded[length++] = '+';
      } else {
        encoded[length++] = '%';
        encoded[length++] = hexDigits[(b >> 4) & 0xf];
        encoded[length++] = hexDigits[b & 0xf];
      }
    }

    byte[] result = Arrays.copyOf(encoded, length);
    Arrays.fill(encoded, (byte) 0);
    return result;
  }

  private static boolean isUnreserved(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }
}
