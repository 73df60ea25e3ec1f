package dev.keyrun.dotenv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotenvParserTest {

  private static final String SOURCE = "app.env";

  @Test
  void crlfValuesHaveNoCarriageReturn() {
    Map<String, String> values = values("A=1\r\nB=\"two\"\r\nC='3' \r\nD=x # note\r\n");

    values.forEach((key, value) -> assertFalse(value.endsWith("\r"), key));
    assertEquals("1", values.get("A"));
    assertEquals("two", values.get("B"));
    assertEquals("3", values.get("C"));
    assertEquals("x", values.get("D"));
  }

  @Test
  void crlfInsideQuotesBecomesLf() {
    Map<String, String> values = values("A=\"x\r\ny\"\r\nB='p\rq'\r\n");

    assertEquals("x\ny", values.get("A"));
    assertEquals("p\nq", values.get("B"));
  }

  @Test
  void byteOrderMarkDoesNotJoinFirstKey() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "FIRST=1\nSECOND=2\n".getBytes(UTF_8);
    byte[] content = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, content, 0, bom.length);
    System.arraycopy(body, 0, content, bom.length, body.length);

    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, content);

    assertEquals("FIRST", entries.get(0).key());
    assertEquals(List.of(new Segment.Literal("1")), entries.get(0).segments());
  }

  @Test
  void dollarSignsInPasswordsAreKept() {
    Map<String, String> values = values("P=ab$cd@ef\nH=$2b$10$abc\n");

    assertEquals("ab$cd@ef", values.get("P"));
    assertEquals("$2b$10$abc", values.get("H"));
  }

  @Test
  void hashInsideJsonIsKept() {
    Map<String, String> values = values("J={\"k\":\"v#1\"}\n");

    assertEquals("{\"k\":\"v#1\"}", values.get("J"));
  }

  @Test
  void commentAndEmptyValueKeepNextLines() {
    Map<String, String> values = values("#OLD=\nNEW=1\nEMPTY=\nNEXT=2\n");

    assertEquals(List.of("NEW", "EMPTY", "NEXT"), List.copyOf(values.keySet()));
    assertEquals("1", values.get("NEW"));
    assertEquals("", values.get("EMPTY"));
    assertEquals("2", values.get("NEXT"));
  }

  @Test
  void pemKeyKeepsItsNewlines() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----";

    Map<String, String> values = values("KEY=\"" + pem + "\"\nAFTER=1\n");

    assertEquals(pem, values.get("KEY"));
    assertEquals("1", values.get("AFTER"));
  }

  @Test
  void repeatedKeysAreAllReturned() {
    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, "A=1\nB=2\nA=3\n");

    assertEquals(List.of("A", "B", "A"), entries.stream().map(DotenvEntry::key).toList());
    assertEquals(3, entries.get(2).line());
  }

  @Test
  void segmentsSplitTextAndVariables() {
    List<DotenvEntry> entries =
        DotenvParser.parse(SOURCE, "URL=\"http://${HOST:-local\\thost}/x\"");

    List<Segment> expected =
        List.of(
            new Segment.Literal("http://"),
            new Segment.Variable("HOST", "local\thost", 1),
            new Segment.Literal("/x"));
    assertEquals(expected, entries.get(0).segments());
  }

  @Test
  void variableRecordsLineOfItsDollarBrace() {
    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, "A=1\nB=\"first\nsecond ${C}\"\n");

    Segment.Variable variable = (Segment.Variable) entries.get(1).segments().get(1);

    assertEquals(2, entries.get(1).line());
    assertEquals(3, variable.line());
    assertNull(variable.defaultValue());
  }

  @Test
  void unterminatedQuoteNamesOpeningLine() {
    DotenvSyntaxException error = parseError("A=1\nB=\"open\nstill open\n");

    assertEquals(2, error.line());
    assertEquals("unterminated \"-quoted value", error.reason());
  }

  @Test
  void errorMessageNamesSourceLineAndReason() {
    DotenvSyntaxException error = parseError("A=1\n\nB C=2\n");

    assertEquals("invalid key 'B C'", error.reason());
    assertEquals(
        "app.env:3: invalid key (keys match [A-Za-z_][A-Za-z0-9_.-]*; the text is not shown)",
        error.getMessage());
    assertEquals(SOURCE, error.source());
    assertNull(error.variable());
  }

  @Test
  void errorMessageNeverContainsValue() {
    DotenvSyntaxException error = parseError("API_TOKEN=\"sk-live-4f9a8b7c6d5e\"tail\n");

    assertEquals("app.env:1: unexpected characters after closing quote", error.getMessage());
    assertFalse(error.getMessage().contains("sk-live"));
    assertFalse(error.getMessage().contains("tail"));
  }

  @Test
  void defaultWithNestedExpansionIsRejected() {
    DotenvSyntaxException error = parseError("A=\"${X:-\n${Y}}\"\n");

    assertEquals(2, error.line());
    assertEquals(ExpansionReader.NESTED, error.reason());
  }

  @Test
  void escapedDollarInDefaultIsText() {
    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, "A=${X:-\\${Y}\n");

    assertEquals(List.of(new Segment.Variable("X", "${Y", 1)), entries.get(0).segments());
  }

  @Test
  void closingQuoteInsideDefaultIsMalformed() {
    DotenvSyntaxException error = parseError("A=\"${X:-a\" }\n");

    assertEquals(1, error.line());
    assertEquals(ExpansionReader.MALFORMED, error.reason());
  }

  @Test
  void invalidUtf8IsRejectedWithItsLine() {
    byte[] content = {'A', '=', '1', '\r', '\n', 'B', '=', (byte) 0xC3, (byte) 0x28, '\n'};

    DotenvSyntaxException error =
        assertThrows(DotenvSyntaxException.class, () -> DotenvParser.parse(SOURCE, content));

    assertEquals(2, error.line());
    assertEquals(Utf8Decoder.INVALID_UTF8, error.reason());
  }

  @Test
  void segmentToStringHidesText() {
    Segment literal = new Segment.Literal("hunter2");
    Segment variable = new Segment.Variable("PASS", "hunter2", 4);

    assertFalse(literal.toString().contains("hunter2"));
    assertFalse(variable.toString().contains("hunter2"));
  }

  private static DotenvSyntaxException parseError(String text) {
    return assertThrows(DotenvSyntaxException.class, () -> DotenvParser.parse(SOURCE, text));
  }

  private static Map<String, String> values(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    DotenvExpander.parseAndExpand(SOURCE, text.getBytes(UTF_8), name -> null, uri -> false)
        .forEach((key, value) -> values.put(key, value.plainText()));
    return values;
  }
}
