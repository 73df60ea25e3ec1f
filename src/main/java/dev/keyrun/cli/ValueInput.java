package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Secret;
import dev.keyrun.launch.Posix;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the value {@code keyrun set} stores: all of stdin when it is not a terminal, else a prompt
 * without echo, asked twice. Never from the arguments, which {@code ps} shows to every user and
 * shells write to their history.
 */
final class ValueInput {
  /** The largest value accepted, as for store files: far above any key or certificate. */
  static final int MAX_BYTES = 1 << 20;

  private ValueInput() {}

  /**
   * Returns the value for {@code reference}. From stdin, one trailing newline ({@code \n} or {@code
   * \r\n}) is dropped unless {@code raw}, because {@code echo} and here-documents add one.
   */
  static Secret read(String reference, InputStream stdin, boolean raw) throws IOException {
    boolean terminal = Posix.isTerminal(0);
    byte[] value = terminal ? prompt(reference) : fromStdin(reference, stdin, raw);
    try {
      requireUsable(reference, value, terminal);
      return Secret.of(value);
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  private static byte[] fromStdin(String reference, InputStream stdin, boolean raw)
      throws IOException {
    byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw KeyrunException.failed(
          reference,
          "the value on stdin is larger than 1 MiB",
          "store large files as file:// references");
    }
    int length = bytes.length;
    if (!raw && length > 0 && bytes[length - 1] == '\n') {
      length--;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
    }
    byte[] value = Arrays.copyOf(bytes, length);
    Arrays.fill(bytes, (byte) 0);
    return value;
  }

  private static byte[] prompt(String reference) {
    Console console = System.console();
    if (console == null) {
      throw KeyrunException.failed(
          "prompt",
          "cannot ask for the value because keyrun has no terminal for its output",
          "pipe the value on stdin instead: keyrun set " + reference + " < FILE");
    }
    char[] first = console.readPassword("Value for %s: ", reference);
    char[] second = first == null ? null : console.readPassword("Repeat the value: ");
    try {
      if (first == null || second == null) {
        throw KeyrunException.failed("prompt", "input ended before a value was entered", null);
      }
      if (!Arrays.equals(first, second)) {
        throw KeyrunException.failed(
            "prompt", "the two values differ, so nothing was stored", "run keyrun set again");
      }
      return utf8(first);
    } finally {
      wipe(first);
      wipe(second);
    }
  }

  private static void requireUsable(String reference, byte[] value, boolean terminal) {
    if (value.length == 0) {
      String hint =
          terminal
              ? "type the value at the prompt; keyrun delete removes an entry"
              : "pipe the value on stdin (printf '%s' \"$VALUE\" | keyrun set "
                  + reference
                  + "), or run keyrun set in a terminal to be prompted";
      throw KeyrunException.failed(reference, "the value is empty, so nothing was stored", hint);
    }
    for (byte b : value) {
      if (b == 0) {
        throw KeyrunException.failed(
            reference,
            "the value contains a NUL byte, which no environment variable can carry",
            "store binary data base64-encoded, or as a file:// reference");
      }
    }
  }

  private static byte[] utf8(char[] characters) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(characters));
    byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }

  private static void wipe(char[] characters) {
    if (characters != null) {
      Arrays.fill(characters, '\0');
    }
  }
}
