package dev.keyrun.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Base64 encodings of a value (RFC 4648): the whole value in the standard and the URL-safe
 * alphabet, each with and without {@code =} padding, and the characters that encode the value
 * inside a longer Base64 text.
 *
 * <p>Base64 turns each group of 3 bytes into 4 characters, so a value that follows other bytes is
 * encoded in one of three alignments, depending on how many bytes before it are left over from the
 * last full group (0, 1 or 2). At each alignment only the characters whose 6 bits all come from the
 * value are known. The characters that share bits with the bytes before or after the value are
 * dropped. These embedded forms catch a password inside {@code Authorization: Basic base64("user:"
 * + password)}.
 */
final class Base64Forms {

  private static final int ALIGNMENTS = 3;

  private static final List<Base64.Encoder> ALPHABETS =
      List.of(Base64.getEncoder(), Base64.getUrlEncoder());

  private Base64Forms() {}

  /** Returns the encodings of {@code value}, possibly with duplicates. */
  static List<byte[]> encode(byte[] value) {
    List<byte[]> forms = new ArrayList<>();
    for (Base64.Encoder alphabet : ALPHABETS) {
      forms.add(alphabet.encode(value));
      forms.add(alphabet.withoutPadding().encode(value));
      for (int alignment = 0; alignment < ALIGNMENTS; alignment++) {
        forms.add(embedded(alphabet.withoutPadding(), value, alignment));
      }
    }
    return forms;
  }

  /**
   * Returns the characters that encode {@code value} when {@code alignment} bytes precede it in its
   * 3-byte group, leaving out every character that depends on a byte outside the value.
   */
  static byte[] embedded(Base64.Encoder alphabet, byte[] value, int alignment) {
    byte[] shifted = new byte[alignment + value.length];
    System.arraycopy(value, 0, shifted, alignment, value.length);
    byte[] encoded = alphabet.encode(shifted);

    // Character i covers bits [6i, 6i + 6) of the text, and the value covers the bits from
    // 8 * alignment up to 8 * (alignment + value.length).
    long firstBit = 8L * alignment;
    long endBit = 8L * (alignment + value.length);
    int first = (int) ((firstBit + 5) / 6);
    int end = (int) (endBit / 6);
    byte[] known = Arrays.copyOfRange(encoded, first, Math.max(first, end));

    Arrays.fill(shifted, (byte) 0);
    Arrays.fill(encoded, (byte) 0);
    return known;
  }
}
