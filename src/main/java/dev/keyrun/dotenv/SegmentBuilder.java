package dev.keyrun.dotenv;

import java.util.ArrayList;
import java.util.List;

/** Collects the segments of one value, joining consecutive characters into one literal. */
final class SegmentBuilder {

  private final List<Segment> segments = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();

  StringBuilder text() {
    return pending;
  }

  void append(char c) {
    pending.append(c);
  }

  void add(Segment.Variable variable) {
    flush();
    segments.add(variable);
  }

  /**
   * Removes spaces and tabs at the end of the text read so far. Text that a variable expands to is
   * never trimmed, because it is not known yet.
   */
  void trimTrailingBlanks() {
    int end = pending.length();
    while (end > 0 && LineCursor.isBlank(pending.charAt(end - 1))) {
      end--;
    }
    pending.setLength(end);
  }

  List<Segment> build() {
    flush();
    return List.copyOf(segments);
  }

  private void flush() {
    if (pending.length() > 0) {
      segments.add(new Segment.Literal(pending.toString()));
      pending.setLength(0);
    }
  }
}
