package dev.keyrun.export;

import java.io.ByteArrayOutputStream;

/**
 * Single-quoted shell words for any bytes but NUL. Inside single quotes a POSIX shell takes every
 * byte literally, so only the quote itself needs care. Fish also decodes {@code \\} and {@code \'}
 * there.
 */
final class ShellQuoting {
  private ShellQuoting() {}

  /** Returns {@code value} as one POSIX sh word: each {@code '} becomes {@code '\''}. */
  static byte[] sh(byte[] value) {
    ByteArrayOutputStream word = new ByteArrayOutputStream(value.length + 2);
    word.write('\'');
    for (byte b : value) {
      if (b == '\'') {
        word.writeBytes(new byte[] {'\'', '\\', '\'', '\''});
      } else {
        word.write(b);
      }
    }
    word.write('\'');
    return word.toByteArray();
  }

  /** Returns {@code value} as one fish word, with {@code \} and {@code '} escaped by {@code \}. */
  static byte[] fish(byte[] value) {
    ByteArrayOutputStream word = new ByteArrayOutputStream(value.length + 2);
    word.write('\'');
    for (byte b : value) {
      if (b == '\'' || b == '\\') {
        word.write('\\');
      }
      word.write(b);
    }
    word.write('\'');
    return word.toByteArray();
  }
}
