package dev.keyrun.mask;

import java.util.Arrays;

/**
 * The byte ranges of the held bytes that a marker replaces, as half-open intervals {@code [start,
 * end)}. Matches that overlap or touch are merged, so the intervals are sorted and separated by at
 * least one byte, and each becomes one marker.
 */
final class MatchIntervals {

  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;

  /**
   * Adds the match {@code [start, end)}, merging it with every interval it overlaps or touches.
   * Matches must arrive in order of their end, as a scan finds them, but their starts may go back
   * before earlier intervals.
   */
  void add(int start, int end) {
    int mergedStart = start;
    int mergedEnd = end;
    while (count > 0 && ends[count - 1] >= mergedStart) {
      count--;
      mergedStart = Math.min(mergedStart, starts[count]);
      mergedEnd = Math.max(mergedEnd, ends[count]);
    }

    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = mergedStart;
    ends[count] = mergedEnd;
    count++;
  }

  /**
   * Returns the position before which bytes may be emitted, given that no later match starts before
   * {@code boundary}. An interval that reaches {@code boundary} could still be extended or joined
   * by a later match, so the returned position moves back to the start of such an interval.
   */
  int emitLimit(int boundary) {
    int limit = boundary;
    for (int i = count - 1; i >= 0 && ends[i] >= limit; i--) {
      limit = Math.min(limit, starts[i]);
    }
    return limit;
  }

  /** Returns the end of the interval that starts at {@code position}, or -1 when none does. */
  int endOfIntervalAt(int position) {
    for (int i = 0; i < count; i++) {
      if (starts[i] == position) {
        return ends[i];
      }
    }
    return -1;
  }

  /** Returns how many intervals start before {@code position}. */
  int countBefore(int position) {
    int n = 0;
    while (n < count && starts[n] < position) {
      n++;
    }
    return n;
  }

  /**
   * Drops the intervals before {@code position}, which must not cut an interval, and moves the
   * others back by {@code position}, for when the bytes before it have been emitted.
   */
  void removeBefore(int position) {
    int removed = countBefore(position);
    int remaining = count - removed;
    for (int i = 0; i < remaining; i++) {
      starts[i] = starts[removed + i] - position;
      ends[i] = ends[removed + i] - position;
    }
    count = remaining;
  }

  void clear() {
    count = 0;
  }

  int count() {
    return count;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }
}
