package dev.keyrun.mask;

import java.util.Arrays;

/** A growable list of matches, each stored as its end index and its length in bytes. */
final class MatchList {

  private int[] ends = new int[16];
  private int[] lengths = new int[16];
  private int size;

  void add(int end, int length) {
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, size * 2);
      lengths = Arrays.copyOf(lengths, size * 2);
    }
    ends[size] = end;
    lengths[size] = length;
    size++;
  }

  void addAll(MatchList other) {
    for (int i = 0; i < other.size; i++) {
      add(other.ends[i], other.lengths[i]);
    }
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Returns the index just after the last byte of match {@code i}. */
  int end(int i) {
    return ends[i];
  }

  int length(int i) {
    return lengths[i];
  }
}
