package dev.keyrun.mask;

import java.util.Arrays;

/**
 * The trie of a set of byte patterns: one state per distinct prefix of a pattern, with the empty
 * prefix as state {@link #ROOT}. The children of a state form a linked list, which keeps the trie
 * small when, as here, most states have a single child.
 */
final class PatternTrie {

  static final int ROOT = 0;
  static final int NONE = -1;

  private int[] firstChild = new int[64];
  private int[] nextSibling = new int[64];
  private int[] depth = new int[64];
  private byte[] edgeByte = new byte[64];
  private boolean[] terminal = new boolean[64];
  private int size = 1;
  private int patternCount;
  private int maxDepth;

  PatternTrie() {
    firstChild[ROOT] = NONE;
    nextSibling[ROOT] = NONE;
  }

  /** Adds {@code pattern}, which must not be empty. Adding a pattern twice counts it once. */
  void insert(byte[] pattern) {
    if (pattern.length == 0) {
      throw new IllegalArgumentException("a pattern must not be empty");
    }

    int state = ROOT;
    for (byte b : pattern) {
      int next = child(state, b & 0xff);
      state = next != NONE ? next : addChild(state, b);
    }

    if (!terminal[state]) {
      terminal[state] = true;
      patternCount++;
      maxDepth = Math.max(maxDepth, pattern.length);
    }
  }

  /** Returns the child of {@code state} along byte {@code b} (0 to 255), or {@link #NONE}. */
  int child(int state, int b) {
    for (int c = firstChild[state]; c != NONE; c = nextSibling[c]) {
      if ((edgeByte[c] & 0xff) == b) {
        return c;
      }
    }
    return NONE;
  }

  /** Returns the states in breadth-first order, so by depth and with {@link #ROOT} first. */
  int[] breadthFirstOrder() {
    int[] order = new int[size];
    int count = 1;
    order[0] = ROOT;
    for (int head = 0; head < count; head++) {
      for (int c = firstChild[order[head]]; c != NONE; c = nextSibling[c]) {
        order[count++] = c;
      }
    }
    return order;
  }

  int size() {
    return size;
  }

  int patternCount() {
    return patternCount;
  }

  /** Returns the length of the longest pattern. */
  int maxDepth() {
    return maxDepth;
  }

  int depth(int state) {
    return depth[state];
  }

  /** Returns whether a pattern ends at {@code state}. */
  boolean isTerminal(int state) {
    return terminal[state];
  }

  boolean hasChildren(int state) {
    return firstChild[state] != NONE;
  }

  int firstChild(int state) {
    return firstChild[state];
  }

  int nextSibling(int state) {
    return nextSibling[state];
  }

  /** Returns the byte (0 to 255) on the edge from the parent of {@code state} to it. */
  int edgeByte(int state) {
    return edgeByte[state] & 0xff;
  }

  private int addChild(int parent, byte b) {
    if (size == firstChild.length) {
      grow();
    }

    int state = size++;
    firstChild[state] = NONE;
    nextSibling[state] = firstChild[parent];
    firstChild[parent] = state;
    depth[state] = depth[parent] + 1;
    edgeByte[state] = b;
    return state;
  }

  /** Releases the spare capacity of the state arrays, once no more patterns are added. */
  void trimToSize() {
    resize(size);
  }

  private void grow() {
    resize(firstChild.length * 2);
  }

  private void resize(int capacity) {
    firstChild = Arrays.copyOf(firstChild, capacity);
    nextSibling = Arrays.copyOf(nextSibling, capacity);
    depth = Arrays.copyOf(depth, capacity);
    edgeByte = Arrays.copyOf(edgeByte, capacity);
    terminal = Arrays.copyOf(terminal, capacity);
  }
}
