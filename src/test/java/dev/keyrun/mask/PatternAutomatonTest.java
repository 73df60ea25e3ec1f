package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternAutomatonTest {

  @ParameterizedTest
  @CsvSource({"4096, 1024", "4096, 1", "1, 1", "2, 8", "5, 1024"})
  void scanFindsLongestMatchAtEachEnd(int denseRows, int minSegment) {
    Random random = new Random(denseRows * 7919L + minSegment);
    for (int round = 0; round < 300; round++) {
      List<byte[]> patterns = randomPatterns(random);
      PatternAutomaton automaton = PatternAutomaton.build(patterns, denseRows);
      MatchScanner scanner = new MatchScanner(automaton, minSegment);
      byte[] text = randomText(random, 1 + random.nextInt(3000));
      int split = random.nextInt(text.length + 1);

      MatchList matches = new MatchList();
      int state = scanner.scan(text, 0, split, PatternAutomaton.ROOT, matches);
      state = scanner.scan(text, split, text.length, state, matches);

      assertEquals(naiveMatches(text, patterns), toList(matches), "round " + round);
      assertEquals(naiveHoldLength(text, patterns), automaton.holdLength(state), "round " + round);
    }
  }

  @Test
  void holdLengthSkipsFinishedPattern() {
    PatternAutomaton automaton = PatternAutomaton.build(bytes("abcdef", "efgh"), 4096);

    int state = scan(automaton, "abcdef");

    assertEquals(6, automaton.matchLength(state));
    assertEquals(2, automaton.holdLength(state));
    assertEquals(4, automaton.holdLength(scan(automaton, "zabcd")));
    assertEquals(0, automaton.holdLength(scan(automaton, "abcdefgh")));
  }

  @Test
  void duplicatePatternsCountedOnce() {
    PatternAutomaton automaton = PatternAutomaton.build(bytes("abcdef", "abcdef", "abc"), 4096);

    assertEquals(2, automaton.patternCount());
    assertEquals(6, automaton.maxPatternLength());
    assertEquals(7, automaton.stateCount());
  }

  @Test
  void emptyPatternRejected() {
    List<byte[]> patterns = bytes("abcdef", "");

    assertThrows(IllegalArgumentException.class, () -> PatternAutomaton.build(patterns, 4096));
  }

  @Test
  void denseRowLimitChecked() {
    List<byte[]> patterns = bytes("abcdef");

    assertThrows(IllegalArgumentException.class, () -> PatternAutomaton.build(patterns, 0));
  }

  private static int scan(PatternAutomaton automaton, String text) {
    byte[] bytes = text.getBytes(US_ASCII);
    MatchScanner scanner = new MatchScanner(automaton, MatchScanner.DEFAULT_MIN_SEGMENT);
    return scanner.scan(bytes, 0, bytes.length, PatternAutomaton.ROOT, new MatchList());
  }

  private static List<byte[]> randomPatterns(Random random) {
    List<byte[]> patterns = new ArrayList<>();
    int count = 1 + random.nextInt(12);
    for (int i = 0; i < count; i++) {
      patterns.add(randomText(random, 1 + random.nextInt(random.nextBoolean() ? 4 : 40)));
    }
    return patterns;
  }

  /** Returns random text over "abc" or over all byte values. */
  private static byte[] randomText(Random random, int length) {
    boolean small = random.nextInt(4) != 0;
    byte[] text = new byte[length];
    for (int i = 0; i < length; i++) {
      text[i] = small ? (byte) ('a' + random.nextInt(3)) : (byte) random.nextInt(256);
    }
    return text;
  }

  /** Returns each end position with a match, paired with the longest pattern ending there. */
  private static List<List<Integer>> naiveMatches(byte[] text, List<byte[]> patterns) {
    List<List<Integer>> matches = new ArrayList<>();
    for (int end = 1; end <= text.length; end++) {
      int longest = 0;
      for (byte[] pattern : patterns) {
        if (pattern.length <= end && endsWith(text, end, pattern, pattern.length)) {
          longest = Math.max(longest, pattern.length);
        }
      }
      if (longest > 0) {
        matches.add(List.of(end, longest));
      }
    }
    return matches;
  }

  /** Returns the longest suffix of text that is a proper prefix of some pattern. */
  private static int naiveHoldLength(byte[] text, List<byte[]> patterns) {
    int longest = 0;
    for (byte[] pattern : patterns) {
      for (int length = 1; length < pattern.length && length <= text.length; length++) {
        if (endsWith(text, text.length, pattern, length)) {
          longest = Math.max(longest, length);
        }
      }
    }
    return longest;
  }

  /** Returns whether text[..end) ends with the first {@code length} bytes of pattern. */
  private static boolean endsWith(byte[] text, int end, byte[] pattern, int length) {
    return Arrays.equals(text, end - length, end, pattern, 0, length);
  }

  private static List<List<Integer>> toList(MatchList matches) {
    List<List<Integer>> list = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      list.add(List.of(matches.end(i), matches.length(i)));
    }
    return list;
  }

  private static List<byte[]> bytes(String... patterns) {
    List<byte[]> list = new ArrayList<>();
    for (String pattern : patterns) {
      list.add(pattern.getBytes(US_ASCII));
    }
    return list;
  }
}
