package dev.keyrun.mask;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The secret patterns of one run, ready to mask the output of a child process. It is immutable and
 * thread-safe, so a run builds it once and wraps each output stream with {@link
 * #wrap(OutputStream)}.
 *
 * <p>The patterns of a value are the value itself, each of its lines, its Base64 encodings
 * (standard and URL-safe alphabet, padded and unpadded, and the characters that encode the value
 * inside a longer Base64 text at each of the three byte alignments), its URL percent-encodings
 * (uppercase hex, lowercase hex, and the form encoding with {@code +} for a space) and its JSON
 * string escapings (with or without {@code \/}, raw or escaped non-ASCII, lowercase or uppercase
 * hex). Every pattern is trimmed of leading and trailing ASCII whitespace, and patterns shorter
 * than {@link #MIN_LENGTH} bytes are left out.
 *
 * <p>The values are not kept. Their patterns live on only as the transitions of an automaton, and
 * {@link #toString()} shows just the number of patterns.
 */
public final class Masks {

  /** The shortest pattern that is masked, in bytes. Masking {@code true} would garble output. */
  public static final int MIN_LENGTH = 6;

  /** The text that replaces each secret. */
  public static final String MARKER_TEXT = "<concealed by keyrun>";

  /**
   * {@link #MARKER_TEXT} in UTF-8. Streams use their own copy, so changing this array does not
   * change what they write.
   */
  public static final byte[] MARKER = MARKER_TEXT.getBytes(StandardCharsets.UTF_8);

  private static final byte[] MARKER_BYTES = MARKER_TEXT.getBytes(StandardCharsets.UTF_8);

  private final PatternAutomaton automaton;
  private final int minSegment;

  private Masks(PatternAutomaton automaton, int minSegment) {
    this.automaton = automaton;
    this.minSegment = minSegment;
  }

  /**
   * Builds the patterns of every value in {@code values}. A value whose trimmed form is shorter
   * than {@link #MIN_LENGTH} bytes (see {@link #isMaskable(byte[])}) contributes no pattern. The
   * caller's arrays are neither kept nor changed.
   *
   * @throws NullPointerException when {@code values} contains null
   */
  public static Masks of(Collection<byte[]> values) {
    return of(values, PatternAutomaton.DEFAULT_DENSE_ROWS, MatchScanner.DEFAULT_MIN_SEGMENT);
  }

  /**
   * Builds masks with the automaton's dense rows and the scanner's segment length set, so that
   * tests can drive the paths that the defaults reach only with large inputs.
   */
  static Masks of(Collection<byte[]> values, int denseRowLimit, int minSegment) {
    List<byte[]> patterns = patterns(values);
    try {
      return new Masks(PatternAutomaton.build(patterns, denseRowLimit), minSegment);
    } finally {
      for (byte[] pattern : patterns) {
        Arrays.fill(pattern, (byte) 0);
      }
    }
  }

  /**
   * Returns whether {@code value} is long enough to be masked: at least {@link #MIN_LENGTH} bytes
   * once leading and trailing ASCII whitespace is trimmed.
   */
  public static boolean isMaskable(byte[] value) {
    return SecretForms.trimmedLength(value) >= MIN_LENGTH;
  }

  /** Returns whether there is no pattern at all, in which case output needs no masking. */
  public boolean isEmpty() {
    return automaton.patternCount() == 0;
  }

  /** Returns the number of distinct patterns, across all values and their encodings. */
  public int patternCount() {
    return automaton.patternCount();
  }

  /**
   * Returns a new stream that masks what is written to it and passes the result to {@code sink}.
   */
  public MaskingOutputStream wrap(OutputStream sink) {
    return new MaskingOutputStream(
        sink, automaton, new MatchScanner(automaton, minSegment), MARKER_BYTES);
  }

  @Override
  public String toString() {
    return "Masks[" + patternCount() + " patterns]";
  }

  /** Returns the distinct patterns of all values. */
  static List<byte[]> patterns(Collection<byte[]> values) {
    Set<ByteBuffer> distinct = new LinkedHashSet<>();
    for (byte[] value : values) {
      Objects.requireNonNull(value, "values must not contain null");
      for (byte[] pattern : SecretForms.of(value)) {
        if (!distinct.add(ByteBuffer.wrap(pattern))) {
          Arrays.fill(pattern, (byte) 0);
        }
      }
    }

    List<byte[]> patterns = new ArrayList<>(distinct.size());
    for (ByteBuffer pattern : distinct) {
      patterns.add(pattern.array());
    }
    return patterns;
  }
}
