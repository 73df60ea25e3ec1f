package dev.keyrun.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * URL percent-encodings of a value (RFC 3986): every byte except the unreserved characters {@code
 * A-Z a-z 0-9 - . _ ~} becomes {@code %XX}. There are three variants: uppercase hex digits, as RFC
 * 3986 recommends, lowercase hex digits, and the HTML form encoding, which writes a space as {@code
 * +} and everything else as the uppercase variant does.
 */
final class PercentForms {

  private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private PercentForms() {}

  /** Returns the three encodings of {@code value}, possibly with duplicates. */
  static List<byte[]> encode(byte[] value) {
    return List.of(
        encode(value, UPPER_HEX, false),
        encode(value, LOWER_HEX, false),
        encode(value, UPPER_HEX, true));
  }

  private static byte[] encode(byte[] value, byte[] hexDigits, boolean spaceAsPlus) {
    byte[] encoded = new byte[3 * value.length];
    int length = 0;
    for (byte b : value) {
      if (isUnreserved(b)) {
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
