package dev.keyrun.mask;

/**
 * Runs a {@link PatternAutomaton} over byte arrays and collects the matches. It is not thread-safe,
 * so each stream has its own scanner.
 *
 * <p>Each table lookup depends on the one before, so a single pass over the text is bound by the
 * latency of a memory load, not by the CPU's throughput. A long range is therefore split into
 * {@link #CHAINS} segments that are scanned in one loop, with one independent lookup chain per
 * segment. The state of the automaton depends only on the last {@link
 * PatternAutomaton#maxPatternLength()} bytes read, so a chain that starts from the root that many
 * bytes before its segment reaches the segment in the exact state that a single pass would have.
 */
final class MatchScanner {

  /**
   * The number of segments scanned side by side. In MaskingBenchmark (JDK 17, 2-core AMD EPYC),
   * four chains scanned text without secrets at 2.3 GB/s and one chain at 0.6 GB/s.
   */
  private static final int CHAINS = 4;

  /**
   * The shortest segment that gets a chain of its own, in bytes. NOTE: a guess, not measured:
   * shorter writes are scanned by one chain.
   */
  static final int DEFAULT_MIN_SEGMENT = 1024;

  private final PatternAutomaton automaton;
  private final int[] table;
  private final int sparseRowOffset;
  private final int minSegment;

  /** The state of each chain while the chain is in a state without a dense row. */
  private final int[] sparseStates = new int[CHAINS];

  private final MatchList[] chainMatches = new MatchList[CHAINS];

  /** Whether matches are recorded. It is off while a chain reads the bytes before its segment. */
  private boolean recording;

  MatchScanner(PatternAutomaton automaton, int minSegment) {
    this.automaton = automaton;
    this.table = automaton.table();
    this.sparseRowOffset = automaton.sparseRowOffset();
    this.minSegment = Math.max(1, minSegment);
    for (int chain = 0; chain < CHAINS; chain++) {
      chainMatches[chain] = new MatchList();
    }
  }

  /**
   * Reads {@code text[from, to)}, starting in {@code state}, and appends to {@code matches} each
   * position where a pattern ends, with the length of the longest pattern ending there, in order of
   * position. Returns the state after the last byte.
   */
  int scan(byte[] text, int from, int to, int state, MatchList matches) {
    for (MatchList list : chainMatches) {
      list.clear();
    }

    // Each extra chain first reads maxPatternLength() bytes before its segment, so a segment
    // must be at least four times that long for the split to pay off.
    int segment = (to - from) / CHAINS;
    int finalState;
    if (segment < Math.max(4 * automaton.maxPatternLength(), minSegment)) {
      recording = true;
      finalState = stateOf(0, runChain(0, text, from, to, enter(0, state)));
    } else {
      finalState = scanSegments(text, from, to, state, segment);
    }

    for (MatchList list : chainMatches) {
      matches.addAll(list);
    }
    return finalState;
  }

  private int scanSegments(byte[] text, int from, int to, int state, int segment) {
    int p0 = from;
    int p1 = from + segment;
    int p2 = from + 2 * segment;
    int p3 = from + 3 * segment;

    recording = false;
    int window = automaton.maxPatternLength();
    int o0 = enter(0, state);
    int o1 = runChain(1, text, p1 - window, p1, enter(1, PatternAutomaton.ROOT));
    int o2 = runChain(2, text, p2 - window, p2, enter(2, PatternAutomaton.ROOT));
    int o3 = runChain(3, text, p3 - window, p3, enter(3, PatternAutomaton.ROOT));

    recording = true;
    int[] t = table;
    int mask = t.length - 1;
    for (int k = 0; k < segment; k++) {
      int n0 = t[(o0 + (text[p0 + k] & 0xff)) & mask];
      int n1 = t[(o1 + (text[p1 + k] & 0xff)) & mask];
      int n2 = t[(o2 + (text[p2 + k] & 0xff)) & mask];
      int n3 = t[(o3 + (text[p3 + k] & 0xff)) & mask];
      if ((n0 | n1 | n2 | n3) < 0) {
        n0 = n0 < 0 ? resolve(0, n0, text[p0 + k], p0 + k + 1) : n0;
        n1 = n1 < 0 ? resolve(1, n1, text[p1 + k], p1 + k + 1) : n1;
        n2 = n2 < 0 ? resolve(2, n2, text[p2 + k], p2 + k + 1) : n2;
        n3 = n3 < 0 ? resolve(3, n3, text[p3 + k], p3 + k + 1) : n3;
      }
      o0 = n0;
      o1 = n1;
      o2 = n2;
      o3 = n3;
    }

    // The last segment also reads the bytes left over by the division.
    o3 = runChain(3, text, p3 + segment, to, o3);
    return stateOf(3, o3);
  }

  /** Reads {@code text[from, to)} on one chain, starting at row offset {@code offset}. */
  private int runChain(int chain, byte[] text, int from, int to, int offset) {
    int[] t = table;
    int mask = t.length - 1;
    int current = offset;
    for (int i = from; i < to; i++) {
      int next = t[(current + (text[i] & 0xff)) & mask];
      if (next < 0) {
        next = resolve(chain, next, text[i], i + 1);
      }
      current = next;
    }
    return current;
  }

  /**
   * Handles a negative table entry: finds the state it leads to, records the match that ends there
   * at {@code end}, if any, and returns the row offset to continue from.
   */
  private int resolve(int chain, int entry, byte b, int end) {
    int state =
        entry == PatternAutomaton.SPARSE_ENTRY
            ? automaton.transition(sparseStates[chain], b & 0xff)
            : automaton.stateOf(entry);

    int length = automaton.matchLength(state);
    if (length > 0 && recording) {
      chainMatches[chain].add(end, length);
    }
    return enter(chain, state);
  }

  /** Returns the row offset that represents {@code state} on {@code chain}. */
  private int enter(int chain, int state) {
    int offset = automaton.rowOffset(state);
    if (offset >= 0) {
      return offset;
    }
    sparseStates[chain] = state;
    return sparseRowOffset;
  }

  private int stateOf(int chain, int offset) {
    return offset == sparseRowOffset ? sparseStates[chain] : automaton.stateAtRow(offset);
  }
}
