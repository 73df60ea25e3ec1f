package dev.keyrun.backend.keychain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes what {@code security find-generic-password -w} prints. The tool writes the password raw
 * when every byte is printable ASCII (0x20-0x7E) and otherwise the whole password as unmarked
 * lowercase hex, so {@code café} arrives as {@code 636166c3a9}. A printable password that happens
 * to be even-length lowercase hex looks the same as hex output; {@code -g} distinguishes the two,
 * because it quotes a printable password ({@code password: "..."}) and prefixes hex with {@code
 * 0x}.
 */
final class PasswordOutput {
  private PasswordOutput() {}

  /** Returns the output of {@code -w} without the one newline the tool appends. */
  static byte[] stripNewline(byte[] output) {
    int length = output.length;
    if (length > 0 && output[length - 1] == '\n') {
      length--;
    }
    return Arrays.copyOf(output, length);
  }

  /** Tells whether {@code -w} output may be hex, in which case {@code -g} must decide. */
  static boolean mayBeHex(byte[] text) {
    if (text.length == 0 || text.length % 2 != 0) {
      return false;
    }
    for (byte b : text) {
      if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether the {@code -g} stderr shows the password as hex. Only the marker is read, and the
   * stderr itself, which contains the password, is never kept or shown.
   */
  static boolean isHexForm(byte[] gStderr) {
    String text = new String(gStderr, StandardCharsets.ISO_8859_1);
    return text.startsWith("password: 0x") || text.contains("\npassword: 0x");
  }

  /**
   * Decodes hex output. Darwin's {@code char} is signed, so a {@code %02x} of a byte of 0x80 or
   * more could print sign-extended as {@code ffffffXX}. Output in which every such byte appears in
   * that form, at least once, is read that way; any other output as two digits per byte.
   */
  static byte[] decodeHex(byte[] text) {
    byte[] signExtended = decodeSignExtended(text);
    return signExtended != null ? signExtended : decodePairs(text);
  }

  private static byte[] decodePairs(byte[] text) {
    byte[] bytes = new byte[text.length / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = pair(text, 2 * i);
    }
    return bytes;
  }

  /** Returns the bytes of sign-extended output, or null when {@code text} is not in that form. */
  private static byte[] decodeSignExtended(byte[] text) {
    ByteBuffer bytes = ByteBuffer.allocate(text.length / 2);
    boolean extended = false;
    int i = 0;
    while (i + 1 < text.length) {
      if (startsSignExtendedByte(text, i)) {
        bytes.put(pair(text, i + 6));
        extended = true;
        i += 8;
      } else if (digit(text[i]) < 8) {
        bytes.put(pair(text, i));
        i += 2;
      } else {
        return null;
      }
    }
    return extended ? Arrays.copyOf(bytes.array(), bytes.position()) : null;
  }

  private static byte pair(byte[] text, int i) {
    return (byte) (digit(text[i]) << 4 | digit(text[i + 1]));
  }

  /** Tells whether {@code ffffffXX} starts at {@code i} with XX a byte of 0x80 or more. */
  private static boolean startsSignExtendedByte(byte[] text, int i) {
    if (i + 8 > text.length) {
      return false;
    }
    for (int k = i; k < i + 6; k++) {
      if (text[k] != 'f') {
        return false;
      }
    }
    return digit(text[i + 6]) >= 8;
  }

  private static int digit(byte b) {
    return b <= '9' ? b - '0' : b - 'a' + 10;
  }
}
