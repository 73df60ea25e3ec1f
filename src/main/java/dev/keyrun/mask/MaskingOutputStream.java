package dev.keyrun.mask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that writes everything to a sink, with each secret pattern of a {@link Masks}
 * replaced by {@link Masks#MARKER_TEXT}.
 *
 * <p>The stream holds back only the bytes that may still turn out to be part of a match: the end of
 * the text that is a prefix of some pattern, and a match that a later match could extend or touch.
 * Every other byte goes to the sink within the same {@link #write(byte[], int, int)} call, in one
 * {@code sink.write} call, followed by {@code sink.flush()}. Held bytes wait for more input or for
 * the end of the stream, never for a timer. So a secret split across writes, even one byte per
 * write, never reaches the sink, and a line that contains no start of a secret is never delayed.
 *
 * <p>Matches of all patterns that overlap or touch merge into one interval, which becomes one
 * marker. So a match that ends exactly at the end of the bytes written so far waits for the next
 * byte (or the end of the stream), because a secret that starts right there would join it. Only
 * when such a chain of matches grows beyond {@link #MAX_HELD_BYTES} does the stream emit a marker
 * for the part held back so far and start a new interval. So the held bytes stay below {@code
 * MAX_HELD_BYTES} plus the longest pattern plus the length of one write, at the cost of one marker
 * per {@code MAX_HELD_BYTES} in such a chain.
 *
 * <p>The stream is not thread-safe, so one thread writes to it. After the sink throws, the stream
 * must not be used again, because the bytes it held back may be lost.
 */
public final class MaskingOutputStream extends OutputStream {

  /** The held bytes beyond which a growing chain of overlapping matches is cut (1 MiB). */
  static final int MAX_HELD_BYTES = 1 << 20;

  private final OutputStream sink;
  private final PatternAutomaton automaton;
  private final MatchScanner scanner;
  private final byte[] marker;

  private final MatchList matches = new MatchList();
  private final MatchIntervals intervals = new MatchIntervals();
  private final ByteArrayOutputStream assembled = new ByteArrayOutputStream();
  private final byte[] singleByte = new byte[1];

  /** The bytes not yet emitted. The positions in {@link #intervals} index this array. */
  private byte[] held = new byte[256];

  private int heldLength;
  private int state = PatternAutomaton.ROOT;
  private boolean finished;
  private boolean closed;

  MaskingOutputStream(
      OutputStream sink, PatternAutomaton automaton, MatchScanner scanner, byte[] marker) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.automaton = automaton;
    this.scanner = scanner;
    this.marker = marker.clone();
  }

  @Override
  public void write(int b) throws IOException {
    singleByte[0] = (byte) b;
    write(singleByte, 0, 1);
  }

  /**
   * Writes {@code len} bytes and passes every byte that can no longer be part of a match on to the
   * sink before returning.
   *
   * @throws IOException when the sink fails, or when the stream is finished or closed
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (finished) {
      throw new IOException("write after the masking stream was finished or closed");
    }
    if (len == 0) {
      return;
    }

    if (heldLength == 0) {
      // Scans the caller's array in place, so a write that keeps no byte back copies nothing.
      process(b, off, off, off + len);
    } else {
      int scanFrom = heldLength;
      ensureCapacity(heldLength + len);
      System.arraycopy(b, off, held, heldLength, len);
      heldLength += len;
      process(held, 0, scanFrom, heldLength);
    }
  }

  /** Flushes the sink. Held bytes stay held, because they could still become a secret. */
  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  /**
   * Ends the stream without closing the sink: emits the held bytes, with a marker for each match
   * among them, and flushes the sink. A partial match at the very end is not a secret and is
   * emitted as it is. Later writes throw, and a second call does nothing.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }

    emit(held, 0, heldLength);
    Arrays.fill(held, (byte) 0);
    heldLength = 0;
    intervals.clear();
    finished = true;
    sink.flush();
  }

  /**
   * Ends the stream when its input was cut short rather than ended: the held bytes could be the
   * start of a secret whose rest never arrived, so they become one marker. Flushes the sink, and
   * does nothing after the stream has ended.
   */
  public void cutOff() throws IOException {
    if (finished) {
      return;
    }

    if (heldLength > 0) {
      sink.write(marker);
    }
    Arrays.fill(held, (byte) 0);
    heldLength = 0;
    intervals.clear();
    finished = true;
    sink.flush();
  }

  /** Ends the stream as {@link #finish()} does, then closes the sink. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }

    closed = true;
    try {
      finish();
    } finally {
      sink.close();
    }
  }

  /** Returns how many bytes the stream holds back at the moment. */
  int heldByteCount() {
    return heldLength;
  }

  /**
   * Scans {@code text[scanFrom, end)}, where {@code text[base, end)} are the bytes not yet emitted,
   * then emits what is safe and keeps the rest in {@link #held}.
   */
  private void process(byte[] text, int base, int scanFrom, int end) throws IOException {
    matches.clear();
    state = scanner.scan(text, scanFrom, end, state, matches);
    for (int i = 0; i < matches.size(); i++) {
      int matchEnd = matches.end(i);
      // A match can start before base only after a cut by MAX_HELD_BYTES, whose marker
      // already covers those bytes.
      int matchStart = Math.max(matchEnd - matches.length(i), base);
      intervals.add(matchStart - base, matchEnd - base);
    }

    // After a cut, the state may still count bytes that went out inside the cut's marker.
    int length = end - base;
    int limit = intervals.emitLimit(Math.max(0, length - automaton.holdLength(state)));
    if (length - limit > MAX_HELD_BYTES) {
      limit = cutLimit(limit);
    }

    emit(text, base, limit);
    keep(text, base + limit, end);
    intervals.removeBefore(limit);
    if (limit > 0) {
      sink.flush();
    }
  }

  /**
   * Returns the emit limit after cutting the interval that starts at {@code limit}: the interval is
   * emitted as one marker now, and a match that continues it starts a new interval. Returns {@code
   * limit} unchanged when no interval starts there, which happens only when a single pattern is
   * longer than {@link #MAX_HELD_BYTES}.
   */
  private int cutLimit(int limit) {
    int end = intervals.endOfIntervalAt(limit);
    return end >= 0 ? end : limit;
  }

  /** Emits {@code text[base, base + limit)} with a marker for each interval before limit. */
  private void emit(byte[] text, int base, int limit) throws IOException {
    if (limit == 0) {
      return;
    }

    int masked = intervals.countBefore(limit);
    if (masked == 0) {
      sink.write(text, base, limit);
    } else {
      assembled.reset();
      int position = 0;
      for (int i = 0; i < masked; i++) {
        assembled.write(text, base + position, intervals.start(i) - position);
        assembled.writeBytes(marker);
        position = intervals.end(i);
      }
      assembled.write(text, base + position, limit - position);
      assembled.writeTo(sink);
    }
  }

  /** Makes {@code text[from, end)} the held bytes. */
  private void keep(byte[] text, int from, int end) {
    int count = end - from;
    if (text != held) {
      ensureCapacity(count);
      System.arraycopy(text, from, held, 0, count);
    } else if (from > 0) {
      System.arraycopy(held, from, held, 0, count);
    }
    heldLength = count;
  }

  private void ensureCapacity(int capacity) {
    if (capacity > held.length) {
      byte[] larger = Arrays.copyOf(held, Math.max(capacity, 2 * held.length));
      Arrays.fill(held, (byte) 0);
      held = larger;
    }
  }
}
