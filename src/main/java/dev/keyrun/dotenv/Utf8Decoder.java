package dev.keyrun.dotenv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of a .env file strictly. A lenient decoder would replace a bad byte with
 * U+FFFD, which silently changes a password, so invalid UTF-8 is an error that names its line.
 */
final class Utf8Decoder {

  static final String INVALID_UTF8 = "invalid UTF-8 byte sequence";

  private Utf8Decoder() {}

  static String decode(String source, byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    ByteBuffer input = ByteBuffer.wrap(content);
    try {
      return decoder.decode(input).toString();
    } catch (CharacterCodingException e) {
      // The decoder stops with the buffer's position at the first byte it could not decode.
      throw new DotenvSyntaxException(
          source, lineAt(content, input.position()), INVALID_UTF8, null);
    }
  }

  /** Returns the 1-based line of {@code offset}, counting LF, CRLF and a bare CR as line ends. */
  private static int lineAt(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      boolean crBeforeLf = content[i] == '\r' && i + 1 < offset && content[i + 1] == '\n';
      if ((content[i] == '\n' || content[i] == '\r') && !crBeforeLf) {
        line++;
      }
    }
    return line;
  }
}
