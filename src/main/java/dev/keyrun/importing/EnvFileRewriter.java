package dev.keyrun.importing;

import dev.keyrun.dotenv.ValueSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces the values of some assignments in the original text of an env file and keeps every other
 * character: comments, blank lines, {@code export} prefixes, line breaks (LF, CRLF or CR) and a
 * byte order mark.
 */
final class EnvFileRewriter {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String text;
  private final List<Integer> lineStarts = new ArrayList<>();
  private final int markLength;

  private EnvFileRewriter(String text) {
    this.text = text;
    this.markLength = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
    findLineStarts();
  }

  /** A value to replace: where it is written and the text that replaces it. */
  record Replacement(ValueSpan span, String text) {
    @Override
    public String toString() {
      return "Replacement[" + span + "]";
    }
  }

  /** Returns {@code text} with each replacement applied. Spans must not overlap. */
  static String rewrite(String text, List<Replacement> replacements) {
    EnvFileRewriter rewriter = new EnvFileRewriter(text);
    List<Replacement> lastFirst = new ArrayList<>(replacements);
    lastFirst.sort(
        Comparator.comparingInt((Replacement r) -> rewriter.offset(r.span().start())).reversed());

    StringBuilder result = new StringBuilder(text);
    for (Replacement replacement : lastFirst) {
      int start = rewriter.offset(replacement.span().start());
      int end = rewriter.offset(replacement.span().end());
      result.replace(start, end, replacement.text());
    }
    return result.toString();
  }

  /**
   * Records where each physical line starts, counting LF, CRLF and a bare CR as one line break the
   * way the parser does.
   */
  private void findLineStarts() {
    lineStarts.add(markLength);
    int i = markLength;
    while (i < text.length()) {
      char c = text.charAt(i);
      i++;
      if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
        i++;
      }
      if (c == '\r' || c == '\n') {
        lineStarts.add(i);
      }
    }
  }

  private int offset(ValueSpan.Position position) {
    return lineStarts.get(position.line() - 1) + position.column();
  }
}
