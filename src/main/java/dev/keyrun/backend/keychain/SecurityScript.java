package dev.keyrun.backend.keychain;

import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Builds the {@code add-generic-password} line that {@code security -i} reads from stdin, so the
 * value never appears in an argument list that {@code ps} shows. The value goes as {@code -X HEX},
 * which stores any bytes (newlines, UTF-8) as they are.
 *
 * <p>{@code security -i} splits each line into words at spaces; a word may be quoted with {@code
 * "}, and a backslash escapes the next character. It reads lines into a 4096-byte buffer and runs
 * the rest of a longer line as a second command, so a longer line is rejected here rather than
 * sent.
 */
final class SecurityScript {
  /**
   * The maximum length of a line that {@code security -i} runs as one command, newline included: it
   * reads lines into a 4096-byte buffer with room for the terminating NUL.
   */
  static final int MAX_LINE_BYTES = 4095;

  private SecurityScript() {}

  /** Returns the stdin for {@code security -i} that stores {@code value} under {@code item}. */
  static byte[] addGenericPassword(ServiceAccount item, byte[] value, boolean allowAnyApp)
      throws StoreException {
    StringBuilder line = new StringBuilder("add-generic-password -U");
    line.append(" -s ").append(quote(item.service()));
    line.append(" -a ").append(quote(item.account().orElse("")));
    if (allowAnyApp) {
      // NOTE: not tried on a Mac: whether -U with -A also opens the access list of an item that
      // already exists, or only sets it on a new one.
      line.append(" -A");
    }
    line.append(" -X \"");
    String prefix = line.toString();

    ByteArrayOutputStream script = new ByteArrayOutputStream();
    script.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    script.writeBytes(HexFormat.of().formatHex(value).getBytes(StandardCharsets.US_ASCII));
    script.writeBytes("\"\n".getBytes(StandardCharsets.US_ASCII));

    if (script.size() > MAX_LINE_BYTES) {
      int maximum = (MAX_LINE_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length - 2) / 2;
      throw new StoreException(
          "the value is "
              + value.length
              + " bytes, and security can take at most "
              + maximum
              + " bytes for this item without the value appearing in its arguments",
          "keep values this large in a dotenv: store file, or add them in Keychain Access");
    }
    return script.toByteArray();
  }

  /** Quotes {@code word} for the line splitter of {@code security -i}. */
  static String quote(String word) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }
}
