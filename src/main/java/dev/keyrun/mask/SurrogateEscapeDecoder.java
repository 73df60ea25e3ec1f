package dev.keyrun.mask;

import java.util.Arrays;

/**
 * Decodes UTF-8 into UTF-16 code units the way Python's {@code surrogateescape} error handler does:
 * a byte that is not part of a valid UTF-8 sequence becomes the lone surrogate {@code U+DC00 +
 * byte}. Python 3 decodes environment variables this way on Linux, so {@code
 * json.dumps(os.environ["KEY"])} of a value that is not valid UTF-8 writes those surrogates as
 * escapes.
 */
final class SurrogateEscapeDecoder {

  private static final int ESCAPE_BASE = 0xdc00;

  private SurrogateEscapeDecoder() {}

  /** Returns the UTF-16 code units of {@code value}. */
  static char[] decode(byte[] value) {
    char[] units = new char[value.length];
    int length = 0;
    int i = 0;
    while (i < value.length) {
      int sequenceLength = validSequenceLength(value, i);
      if (sequenceLength == 0) {
        units[length++] = (char) (ESCAPE_BASE | (value[i] & 0xff));
        i++;
        continue;
      }

      int codePoint = codePoint(value, i, sequenceLength);
      length += Character.toChars(codePoint, units, length);
      i += sequenceLength;
    }

    char[] result = Arrays.copyOf(units, length);
    Arrays.fill(units, '\0');
    return result;
  }

  /**
   * Returns the length of the valid UTF-8 sequence that starts at {@code start}, or 0 when the
   * bytes there are not one. A valid sequence encodes its code point in the shortest form, and the
   * code point is neither a surrogate nor above U+10FFFF.
   */
  private static int validSequenceLength(byte[] value, int start) {
    int lead = value[start] & 0xff;
    int length;
    int secondMin = 0x80;
    int secondMax = 0xbf;
    if (lead < 0x80) {
      return 1;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      secondMin = lead == 0xe0 ? 0xa0 : 0x80;
      secondMax = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      secondMin = lead == 0xf0 ? 0x90 : 0x80;
      secondMax = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }

    if (start + length > value.length) {
      return 0;
    }
    int second = value[start + 1] & 0xff;
    if (second < secondMin || second > secondMax) {
      return 0;
    }
    for (int i = start + 2; i < start + length; i++) {
      if ((value[i] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  private static int codePoint(byte[] value, int start, int length) {
    if (length == 1) {
      return value[start];
    }

    int leadBits = 0x7f >> length;
    int codePoint = value[start] & leadBits;
    for (int i = start + 1; i < start + length; i++) {
      codePoint = (codePoint << 6) | (value[i] & 0x3f);
    }
    return codePoint;
  }
}
