package dev.keyrun.dotenv;

import java.util.List;

/** Reads the value of one assignment: unquoted, single-quoted or double-quoted. */
final class ValueReader {

  static final String JUNK_AFTER_QUOTE = "unexpected characters after closing quote";

  private final String source;
  private final ExpansionReader expansions;
  private ValueSpan.Position valueEnd;

  ValueReader(String source) {
    this.source = source;
    this.expansions = new ExpansionReader(source);
  }

  /**
   * Reads the value that starts right after the {@code =} and leaves the cursor at the line break
   * that ends it. Only a quote at the start of the value opens a quoted value, so {@code a=b"c"} is
   * the text {@code b"c"}.
   */
  Value read(LineCursor cursor) {
    boolean afterBlank = cursor.skipBlanks() > 0;
    ValueSpan.Position start = cursor.position();
    valueEnd = start;

    if (cursor.atLineEnd()) {
      return new Value(List.of(), new ValueSpan(start, start));
    }

    List<Segment> segments =
        switch (cursor.peek()) {
          case '\'' -> readSingleQuoted(cursor);
          case '"' -> readDoubleQuoted(cursor);
          default -> readUnquoted(cursor, afterBlank);
        };
    return new Value(segments, new ValueSpan(start, valueEnd));
  }

  /** The value of one assignment and where it is written. */
  record Value(List<Segment> segments, ValueSpan span) {}

  /**
   * Reads to the end of the line. A {@code #} starts a comment only after a space or tab, so that
   * URL fragments and passwords such as {@code a#1} are kept whole.
   */
  private List<Segment> readUnquoted(LineCursor cursor, boolean afterBlank) {
    SegmentBuilder value = new SegmentBuilder();
    boolean previousBlank = afterBlank;
    while (!cursor.atLineEnd()) {
      char c = cursor.peek();
      if (c == '#' && previousBlank) {
        cursor.skipToLineEnd();
        break;
      }

      previousBlank = LineCursor.isBlank(c);
      readPart(cursor, Quoting.UNQUOTED, value);
      if (!previousBlank) {
        valueEnd = cursor.position();
      }
    }

    value.trimTrailingBlanks();
    return value.build();
  }

  private List<Segment> readSingleQuoted(LineCursor cursor) {
    int openLine = cursor.line();
    cursor.next();

    SegmentBuilder value = new SegmentBuilder();
    while (!cursor.atEnd() && cursor.peek() != '\'') {
      value.append(cursor.next());
    }

    closeQuote(cursor, '\'', openLine);
    return value.build();
  }

  private List<Segment> readDoubleQuoted(LineCursor cursor) {
    int openLine = cursor.line();
    cursor.next();

    SegmentBuilder value = new SegmentBuilder();
    while (!Quoting.DOUBLE_QUOTED.endsValue(cursor)) {
      readPart(cursor, Quoting.DOUBLE_QUOTED, value);
    }

    closeQuote(cursor, '"', openLine);
    return value.build();
  }

  /** Reads one expansion, one escape or one plain character. */
  private void readPart(LineCursor cursor, Quoting quoting, SegmentBuilder value) {
    if (ExpansionReader.startsAt(cursor)) {
      value.add(expansions.read(cursor, quoting));
      return;
    }

    if (!quoting.decodeEscape(cursor, value.text())) {
      value.append(cursor.next());
    }
  }

  /** Moves past the closing quote and checks that only blanks and a comment follow it. */
  private void closeQuote(LineCursor cursor, char quote, int openLine) {
    if (cursor.atEnd()) {
      throw error(openLine, "unterminated " + quote + "-quoted value");
    }
    cursor.next();
    valueEnd = cursor.position();

    cursor.skipBlanks();
    if (cursor.peek() == '#') {
      cursor.skipToLineEnd();
    }

    if (!cursor.atLineEnd()) {
      throw error(cursor.line(), JUNK_AFTER_QUOTE);
    }
  }

  private DotenvSyntaxException error(int line, String reason) {
    return new DotenvSyntaxException(source, line, reason, null);
  }
}
