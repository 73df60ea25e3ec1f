package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the stream, fed in random pieces, with a plain reference that masks the whole text at
 * once. Each failure names the seed that reproduces it.
 */
class MaskingPropertyTest {

  private static final int ROUNDS = 400;

  private static final byte[] SMALL_ALPHABET = {'a', 'b', 'c'};
  private static final byte[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".getBytes(US_ASCII);

  /** Dense rows and minimum segment length: defaults, and small values that force every path. */
  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of(PatternAutomaton.DEFAULT_DENSE_ROWS, MatchScanner.DEFAULT_MIN_SEGMENT),
        Arguments.of(PatternAutomaton.DEFAULT_DENSE_ROWS, 1),
        Arguments.of(1, 1),
        Arguments.of(3, 16),
        Arguments.of(12, MatchScanner.DEFAULT_MIN_SEGMENT));
  }

  @ParameterizedTest
  @MethodSource("configurations")
  void streamEqualsWholeTextMasking(int denseRows, int minSegment) throws IOException {
    for (int round = 0; round < ROUNDS; round++) {
      long seed = 1000L * denseRows + 31L * minSegment + round;
      Random random = new Random(seed);
      byte[] alphabet = alphabet(random);
      List<byte[]> values = randomValues(random, alphabet);
      List<byte[]> patterns = Masks.patterns(values);
      Masks masks = Masks.of(values, denseRows, minSegment);
      byte[] text = randomText(random, alphabet, values, patterns);

      byte[] expected = maskWholeText(text, patterns);
      byte[] actual = maskInPieces(random, masks, text);

      assertArrayEquals(expected, actual, "seed " + seed);
      // A value made of any bytes may contain bytes of the marker, and so occur across it.
      if (alphabet != null) {
        for (byte[] value : values) {
          if (Masks.isMaskable(value)) {
            assertFalse(contains(actual, value), "seed " + seed);
          }
        }
      }
    }
  }

  /** Returns a small or an alphanumeric alphabet, or null for all 256 byte values. */
  private static byte[] alphabet(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> SMALL_ALPHABET;
      case 1 -> ALPHANUMERIC;
      default -> null;
    };
  }

  private static byte randomByte(Random random, byte[] alphabet) {
    return alphabet == null
        ? (byte) random.nextInt(256)
        : alphabet[random.nextInt(alphabet.length)];
  }

  private static byte[] randomBytes(Random random, byte[] alphabet, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = randomByte(random, alphabet);
    }
    return bytes;
  }

  /** Returns 1 to 5 values, some built to overlap: a suffix of one is a prefix of the next. */
  private static List<byte[]> randomValues(Random random, byte[] alphabet) {
    List<byte[]> values = new ArrayList<>();
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      byte[] value = randomBytes(random, alphabet, 4 + random.nextInt(20));
      if (!values.isEmpty() && random.nextBoolean()) {
        byte[] previous = values.get(values.size() - 1);
        int overlap = 1 + random.nextInt(previous.length);
        System.arraycopy(
            previous, previous.length - overlap, value, 0, Math.min(overlap, value.length));
      }
      values.add(value);
    }
    return values;
  }

  /** Returns random bytes with whole values, patterns and pieces of them inserted. */
  private static byte[] randomText(
      Random random, byte[] alphabet, List<byte[]> values, List<byte[]> patterns) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int pieces = random.nextInt(60);
    for (int i = 0; i < pieces; i++) {
      text.writeBytes(
          randomBytes(random, alphabet, random.nextInt(random.nextBoolean() ? 8 : 300)));
      List<byte[]> source = patterns.isEmpty() || random.nextBoolean() ? values : patterns;
      byte[] insert = source.get(random.nextInt(source.size()));
      if (random.nextInt(4) == 0) {
        insert = Arrays.copyOf(insert, random.nextInt(insert.length + 1));
      }
      text.writeBytes(insert);
    }
    return text.toByteArray();
  }

  private static byte[] maskInPieces(Random random, Masks masks, byte[] text) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    MaskingOutputStream out = masks.wrap(sink);
    int maxPiece = new int[] {1, 8, 300, text.length + 1}[random.nextInt(4)];
    int position = 0;
    while (position < text.length) {
      int piece = Math.min(text.length - position, 1 + random.nextInt(maxPiece));
      out.write(text, position, piece);
      position += piece;
    }

    if (random.nextBoolean()) {
      out.close();
    } else {
      out.finish();
    }
    return sink.toByteArray();
  }

  /**
   * Masks the whole text at once, as a plain reference: finds every occurrence of every pattern,
   * merges the occurrences that overlap or touch, and replaces each merged range with the marker.
   */
  static byte[] maskWholeText(byte[] text, List<byte[]> patterns) {
    boolean[] covered = new boolean[text.length];
    boolean[] startsRange = new boolean[text.length + 1];
    List<int[]> occurrences = new ArrayList<>();
    for (byte[] pattern : patterns) {
      for (int start = 0; start + pattern.length <= text.length; start++) {
        if (text[start] == pattern[0]
            && Arrays.equals(text, start, start + pattern.length, pattern, 0, pattern.length)) {
          occurrences.add(new int[] {start, start + pattern.length});
        }
      }
    }
    occurrences.sort((a, b) -> Integer.compare(a[0], b[0]));

    int mergedEnd = -1;
    for (int[] occurrence : occurrences) {
      if (occurrence[0] > mergedEnd) {
        startsRange[occurrence[0]] = true;
      }
      Arrays.fill(covered, occurrence[0], occurrence[1], true);
      mergedEnd = Math.max(mergedEnd, occurrence[1]);
    }

    ByteArrayOutputStream masked = new ByteArrayOutputStream();
    for (int i = 0; i < text.length; i++) {
      if (startsRange[i]) {
        masked.writeBytes(Masks.MARKER_TEXT.getBytes(US_ASCII));
      }
      if (!covered[i]) {
        masked.write(text[i]);
      }
    }
    return masked.toByteArray();
  }

  private static boolean contains(byte[] text, byte[] part) {
    for (int start = 0; start + part.length <= text.length; start++) {
      if (Arrays.equals(text, start, start + part.length, part, 0, part.length)) {
        return true;
      }
    }
    return false;
  }
}
