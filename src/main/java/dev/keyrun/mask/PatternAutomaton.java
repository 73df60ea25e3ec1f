package dev.keyrun.mask;

import java.util.Arrays;
import java.util.Collection;

/**
 * An Aho–Corasick automaton over bytes, which reads a text once and reports at each position the
 * longest pattern that ends there. It is immutable after construction, so one instance serves all
 * streams of a run.
 *
 * <p>The state after a text is the longest suffix of the text that is a prefix of some pattern. The
 * first {@code denseRowLimit} states in breadth-first order, which are the shallowest, get a row of
 * 256 precomputed transitions in {@link #table()}. Text without secrets rarely gets more than a few
 * bytes into a pattern, so a scan costs one table lookup per byte. Deeper states follow trie edges
 * and failure links instead, which keeps memory linear in the total pattern length (30 bytes per
 * trie state, and at most one state per pattern byte) plus at most 2 KiB per dense row.
 *
 * <p>An entry of the table is the offset ({@code row * 256}) of the target state's row when the
 * target has a dense row and ends no pattern. Otherwise it is {@code ~target}, which is negative,
 * so that the scan loop only has to test the sign. The row after the last dense row is the sparse
 * row. All its entries are {@link #SPARSE_ENTRY}, and a scan that is in a state without a dense row
 * uses its offset, {@link #sparseRowOffset()}.
 */
final class PatternAutomaton {

  static final int ROOT = PatternTrie.ROOT;

  /**
   * The default number of dense rows, which with the sparse row make 4 MiB of table. That is every
   * state of the 20 secrets of 20 to 40 characters in MaskingBenchmark (about 3,000 states), and
   * far more than the shallow states that text without secrets reaches.
   */
  static final int DEFAULT_DENSE_ROWS = 4095;

  /** The upper bound of {@code denseRowLimit}, so that the table length fits in an int. */
  static final int MAX_DENSE_ROWS = (1 << 21) - 1;

  /** The entry of every transition of the sparse row. */
  static final int SPARSE_ENTRY = Integer.MIN_VALUE;

  private final PatternTrie trie;
  private final int[] table;
  private final int sparseRowOffset;
  private final int[] rowOfState;
  private final int[] stateOfRow;
  private final int[] failure;
  private final int[] matchLength;
  private final int[] holdLength;

  private PatternAutomaton(PatternTrie trie, int denseRowLimit) {
    this.trie = trie;
    int stateCount = trie.size();
    int[] order = trie.breadthFirstOrder();
    int rows = Math.min(stateCount, denseRowLimit);

    rowOfState = new int[stateCount];
    Arrays.fill(rowOfState, -1);
    stateOfRow = new int[rows];
    for (int row = 0; row < rows; row++) {
      rowOfState[order[row]] = row;
      stateOfRow[row] = order[row];
    }

    // A power-of-two length lets the scan loop mask its index, so that the JIT can drop the
    // bounds check. In MaskingBenchmark on JDK 17 that made the scan about 25% faster.
    table = new int[Integer.highestOneBit(rows) << 9];
    sparseRowOffset = rows << 8;
    Arrays.fill(table, sparseRowOffset, table.length, SPARSE_ENTRY);

    failure = new int[stateCount];
    matchLength = new int[stateCount];
    holdLength = new int[stateCount];
    // Breadth-first order reaches every state after the state its failure link points to,
    // because that state is shallower. So each step below reads only finished states.
    for (int state : order) {
      linkChildren(state);
      fillRow(state);
    }
  }

  /**
   * Builds the automaton of {@code patterns}, none of which may be empty.
   *
   * @param denseRowLimit how many states get a precomputed row, from 1 to {@link #MAX_DENSE_ROWS}
   */
  static PatternAutomaton build(Collection<byte[]> patterns, int denseRowLimit) {
    if (denseRowLimit < 1 || denseRowLimit > MAX_DENSE_ROWS) {
      throw new IllegalArgumentException(
          "denseRowLimit must be from 1 to " + MAX_DENSE_ROWS + ", not " + denseRowLimit);
    }

    PatternTrie trie = new PatternTrie();
    for (byte[] pattern : patterns) {
      trie.insert(pattern);
    }
    trie.trimToSize();
    return new PatternAutomaton(trie, denseRowLimit);
  }

  /** Returns the state after reading byte {@code b} (0 to 255) in {@code state}. */
  int transition(int state, int b) {
    int current = state;
    while (true) {
      int row = rowOfState[current];
      if (row >= 0) {
        return stateOf(table[(row << 8) | b]);
      }

      int child = trie.child(current, b);
      if (child != PatternTrie.NONE) {
        return child;
      }
      current = failure[current];
    }
  }

  /**
   * Returns the table of dense rows, followed by the sparse row and unused rows that pad its length
   * to a power of two. The array is shared, not copied, so never modify it.
   */
  int[] table() {
    return table;
  }

  int sparseRowOffset() {
    return sparseRowOffset;
  }

  /** Returns the offset of the dense row of {@code state}, or -1 when it has none. */
  int rowOffset(int state) {
    int row = rowOfState[state];
    return row >= 0 ? row << 8 : -1;
  }

  /** Returns the state whose dense row starts at {@code rowOffset}. */
  int stateAtRow(int rowOffset) {
    return stateOfRow[rowOffset >>> 8];
  }

  /** Returns the state that a table entry other than {@link #SPARSE_ENTRY} leads to. */
  int stateOf(int entry) {
    return entry >= 0 ? stateAtRow(entry) : ~entry;
  }

  /** Returns the length of the longest pattern that ends when the text reaches {@code state}. */
  int matchLength(int state) {
    return matchLength[state];
  }

  /**
   * Returns how many of the last bytes read may still be the start of a match: the length of the
   * longest suffix of the text that a pattern extends. No later match starts earlier than that.
   */
  int holdLength(int state) {
    return holdLength[state];
  }

  int maxPatternLength() {
    return trie.maxDepth();
  }

  int patternCount() {
    return trie.patternCount();
  }

  int stateCount() {
    return trie.size();
  }

  /** Sets the failure link, match length and hold length of each child of {@code state}. */
  private void linkChildren(int state) {
    for (int c = trie.firstChild(state); c != PatternTrie.NONE; c = trie.nextSibling(c)) {
      int link = state == ROOT ? ROOT : transition(failure[state], trie.edgeByte(c));
      failure[c] = link;
      matchLength[c] = trie.isTerminal(c) ? trie.depth(c) : matchLength[link];
      holdLength[c] = trie.hasChildren(c) ? trie.depth(c) : holdLength[link];
    }
  }

  /**
   * Fills the dense row of {@code state}, if it has one: its failure state's row plus its edges.
   */
  private void fillRow(int state) {
    int offset = rowOffset(state);
    if (offset < 0) {
      return;
    }

    if (state == ROOT) {
      Arrays.fill(table, offset, offset + 256, entryFor(ROOT));
    } else {
      System.arraycopy(table, rowOffset(failure[state]), table, offset, 256);
    }
    for (int c = trie.firstChild(state); c != PatternTrie.NONE; c = trie.nextSibling(c)) {
      table[offset + trie.edgeByte(c)] = entryFor(c);
    }
  }

  private int entryFor(int target) {
    int offset = rowOffset(target);
    return offset >= 0 && matchLength[target] == 0 ? offset : ~target;
  }
}
