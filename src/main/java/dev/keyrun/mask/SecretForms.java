package dev.keyrun.mask;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The byte patterns under which one secret value can show up in a child's output: the value itself,
 * each of its lines, and its Base64, percent and JSON encodings.
 *
 * <p>Every pattern is trimmed of leading and trailing ASCII whitespace (space, tab, CR, LF), so
 * that a value that ends with a newline does not make every newline in the output wait for the next
 * write. Patterns shorter than {@link Masks#MIN_LENGTH} bytes are dropped, because masking {@code
 * true} or {@code 8080} would garble ordinary output.
 */
final class SecretForms {

  private SecretForms() {}

  /**
   * Returns the distinct patterns of {@code value}, each trimmed and at least {@link
   * Masks#MIN_LENGTH} bytes long. A value whose trimmed form is shorter yields no pattern at all,
   * not even an encoded one. The returned arrays are new, so the caller may wipe them.
   */
  static List<byte[]> of(byte[] value) {
    if (trimmedLength(value) < Masks.MIN_LENGTH) {
      return List.of();
    }

    Set<ByteBuffer> forms = new LinkedHashSet<>();
    byte[] trimmed = trim(value);
    addPattern(forms, trimmed.clone());
    addLines(forms, value);

    // A value read from a file often ends with a newline that the child may or may not print
    // or encode, so the encodings of both the value as given and the trimmed value are patterns.
    addEncodings(forms, value);
    if (trimmed.length != value.length) {
      addEncodings(forms, trimmed);
    }
    Arrays.fill(trimmed, (byte) 0);

    List<byte[]> patterns = new ArrayList<>(forms.size());
    for (ByteBuffer form : forms) {
      patterns.add(form.array());
    }
    return patterns;
  }

  /** Returns the length of {@code value} without leading and trailing ASCII whitespace. */
  static int trimmedLength(byte[] value) {
    int start = trimmedStart(value);
    return trimmedEnd(value, start) - start;
  }

  /** Returns a copy of {@code value} without leading and trailing ASCII whitespace. */
  static byte[] trim(byte[] value) {
    int start = trimmedStart(value);
    return Arrays.copyOfRange(value, start, trimmedEnd(value, start));
  }

  /** Adds each line of a multi-line value on its own, splitting at CR and at LF. */
  private static void addLines(Set<ByteBuffer> forms, byte[] value) {
    int lineStart = 0;
    for (int i = 0; i < value.length; i++) {
      if (value[i] == '\n' || value[i] == '\r') {
        addPattern(forms, Arrays.copyOfRange(value, lineStart, i));
        lineStart = i + 1;
      }
    }

    if (lineStart > 0) {
      addPattern(forms, Arrays.copyOfRange(value, lineStart, value.length));
    }
  }

  private static void addEncodings(Set<ByteBuffer> forms, byte[] value) {
    List<byte[]> encodings = new ArrayList<>();
    encodings.addAll(Base64Forms.encode(value));
    encodings.addAll(PercentForms.encode(value));
    encodings.addAll(JsonForms.encode(value));
    for (byte[] encoding : encodings) {
      addPattern(forms, encoding);
    }
  }

  /** Adds the trimmed {@code candidate} when it is long enough and wipes {@code candidate}. */
  private static void addPattern(Set<ByteBuffer> forms, byte[] candidate) {
    byte[] pattern = trim(candidate);
    Arrays.fill(candidate, (byte) 0);
    if (pattern.length < Masks.MIN_LENGTH || !forms.add(ByteBuffer.wrap(pattern))) {
      Arrays.fill(pattern, (byte) 0);
    }
  }

  private static int trimmedStart(byte[] value) {
    int start = 0;
    while (start < value.length && isWhitespace(value[start])) {
      start++;
    }
    return start;
  }

  private static int trimmedEnd(byte[] value, int start) {
    int end = value.length;
    while (end > start && isWhitespace(value[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
