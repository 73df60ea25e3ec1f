package dev.keyrun.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The position the parser records for each value. */
class ValueSpanTest {

  private static ValueSpan spanOf(String text, int index) {
    List<DotenvEntry> entries = DotenvParser.parse("app.env", text);
    return entries.get(index).span();
  }

  private static ValueSpan span(int line, int start, int endLine, int end) {
    return new ValueSpan(new ValueSpan.Position(line, start), new ValueSpan.Position(endLine, end));
  }

  @Test
  void unquotedValueExcludesBlanksAndComment() {
    assertEquals(span(1, 4, 1, 9), spanOf("A = b c d  # note\n", 0));
  }

  @Test
  void hashWithoutBlankBelongsToValue() {
    assertEquals(span(1, 2, 1, 5), spanOf("A=b#c\n", 0));
  }

  @Test
  void quotedValueIncludesQuotes() {
    assertEquals(span(1, 9, 1, 14), spanOf("export A='b c' # x\n", 0));
    assertEquals(span(1, 2, 1, 8), spanOf("A=\"b\\\"c\"\n", 0));
  }

  @Test
  void multiLineValueEndsOnClosingLine() {
    assertEquals(span(2, 2, 3, 4), spanOf("# c\nB=\"one\r\ntwo\"\r\nC=1\r\n", 0));
    assertEquals(span(4, 2, 4, 3), spanOf("# c\nB=\"one\r\ntwo\"\r\nC=1\r\n", 1));
  }

  @Test
  void emptyValueHasEmptySpan() {
    assertEquals(span(1, 3, 1, 3), spanOf("A= \n", 0));
    assertEquals(span(1, 2, 1, 2), spanOf("A=", 0));
  }

  @Test
  void byteOrderMarkIsNotCounted() {
    assertEquals(span(1, 2, 1, 3), spanOf("\uFEFFA=1\n", 0));
  }

  @Test
  void expansionEndsValue() {
    assertEquals(span(1, 2, 1, 8), spanOf("A=x${B}y \n", 0));
  }
}
