package dev.keyrun.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding of secret values. The JDK's lenient decoding replaces an invalid byte with
 * U+FFFD, which would silently change a password, so here invalid UTF-8 gives no text at all and
 * each caller reports it in its own terms.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** Returns the text of {@code bytes}, or empty when they are not valid UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
