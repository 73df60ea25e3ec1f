package dev.keyrun.backend.keychain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
   * Decodes hex output. When the plain decoding is not UTF-8 but the text contains {@code ffffff}
   * runs, it is read again with each {@code ffffffXX} group as one byte: Darwin's {@code char} is
   * signed, so a {@code %02x} of a byte of 0x80 or more could print sign-extended.
   */
  static byte[] decodeHex(byte[] text) {
    byte[] plain = decode(text, false);
    if (isUtf8(plain) || !new String(text, StandardCharsets.US_ASCII).contains("ffffff")) {
      return plain;
    }
    byte[] signExtended = decode(text, true);
    return isUtf8(signExtended) ? signExtended : plain;
  }

  private static byte[] decode(byte[] text, boolean signExtended) {
    ByteBuffer bytes = ByteBuffer.allocate(text.length / 2);
    int i = 0;
    while (i + 1 < text.length) {
      if (signExtended && startsSignExtendedByte(text, i)) {
        i += 6;
      }
      bytes.put((byte) (digit(text[i]) << 4 | digit(text[i + 1])));
      i += 2;
    }
    return Arrays.copyOf(bytes.array(), bytes.position());
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

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
