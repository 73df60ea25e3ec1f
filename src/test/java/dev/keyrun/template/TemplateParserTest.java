package dev.keyrun.template;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateParserTest {
  private static final String SOURCE = "app.tpl";

  private static Template parse(String text) {
    return Template.parse(SOURCE, text.getBytes(UTF_8), false);
  }

  private static List<String> references(String text) {
    List<String> references = new ArrayList<>();
    parse(text).references().forEach(r -> references.add(r.toString()));
    return references;
  }

  /** Renders with each reference replaced by {@code <REFERENCE>}. */
  private static String render(String text) {
    Template template = parse(text);
    Map<Reference, byte[]> values = new HashMap<>();
    for (Reference reference : template.references()) {
      values.put(reference, ("<" + reference + ">").getBytes(UTF_8));
    }
    return new String(template.render(values), UTF_8);
  }

  private static KeyrunException failure(String text) {
    return assertThrows(KeyrunException.class, () -> parse(text));
  }

  @Test
  void spacesInsideBracesOptional() {
    assertEquals(
        List.of("dotenv:A", "op://V/I/f", "file:///run/x"),
        references("a={{dotenv:A}} b={{ op://V/I/f }} c={{\tfile:///run/x  }}"));
  }

  @Test
  void referenceMayContainSpaces() {
    assertEquals(
        List.of("op://Private/My Item/password"),
        references("{{ op://Private/My Item/password }}"));
  }

  @Test
  void textOutsidePlaceholdersKept() {
    assertEquals(
        "key: \"<dotenv:A>\"\n# {{ .Values.x }}\r\nport: 8080",
        render("key: \"{{ dotenv:A }}\"\n# {{ .Values.x }}\r\nport: 8080"));
  }

  @Test
  void bytesOutsidePlaceholdersKept() {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(new byte[] {(byte) 0xff, 0, (byte) 0xc3, '{', '\r'});
    input.writeBytes("{{ env://X }}".getBytes(UTF_8));
    input.writeBytes(new byte[] {(byte) 0xfe, '}', '}'});
    Template template = Template.parse(SOURCE, input.toByteArray(), false);

    byte[] output =
        template.render(
            Map.of(new Reference(dev.keyrun.reference.Scheme.ENV, "X"), new byte[] {1, 2}));

    assertArrayEquals(
        new byte[] {(byte) 0xff, 0, (byte) 0xc3, '{', '\r', 1, 2, (byte) 0xfe, '}', '}'}, output);
  }

  @Test
  void extraBracesStayLiteral() {
    assertEquals("{<dotenv:A>}", render("{{{ dotenv:A }}}"));
  }

  @Test
  void unenclosedOpReferenceReplaced() {
    assertEquals("url=<op://V/I/f?attribute=otp>;", render("url=op://V/I/f?attribute=otp;"));
  }

  @Test
  void unenclosedOpInsideWordKept() {
    assertEquals("xop://V/I/f a.op://V/I/f", render("xop://V/I/f a.op://V/I/f"));
  }

  @Test
  void otherTemplateSyntaxKept() {
    String text =
        "{{ .Values.port }} {{ name | upper }} {{#each x}} {{! note: x }} {{ f(a) }} {{ 'a:b' }}";

    assertEquals(text, render(text));
  }

  @Test
  void placeholderLineReported() {
    Template template = parse("a\nb\r\nc\rd {{ dotenv:A }}");

    assertEquals(4, template.placeholders().get(0).line());
  }

  @Test
  void emptyPlaceholderRejected() {
    KeyrunException e = failure("a\n{{ }}\n");

    assertEquals("app.tpl:2", e.subject());
    assertEquals("empty placeholder '{{ }}'", e.problem());
  }

  @Test
  void bareNameRejected() {
    KeyrunException e = failure("x: {{ API_KEY }}\n");

    assertEquals("app.tpl:1", e.subject());
    assertEquals("a bare name in '{{ }}' is not a reference", e.problem());
    assertTrue(e.hint().contains("--literal-names"), e.hint());
  }

  @Test
  void bareNameKeptWithLiteralNames() {
    Template template = Template.parse(SOURCE, "x: {{ name }}".getBytes(UTF_8), true);

    assertEquals("x: {{ name }}", new String(template.render(Map.of()), UTF_8));
  }

  @Test
  void misspeltSchemeRejected() {
    KeyrunException e = failure("{{ dotnev:A }}");

    assertEquals("unknown reference scheme; did you mean dotenv:?", e.problem());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ vault:x }}", "{{ https://example.com }}"})
  void unknownSchemeRejected(String text) {
    assertEquals("unknown reference scheme", failure(text).problem());
  }

  @Test
  void unterminatedReferenceRejected() {
    KeyrunException e = failure("a\nb {{ op://V/I/f\n}}");

    assertEquals("app.tpl:2", e.subject());
    assertEquals("'{{' has no closing '}}' on the same line", e.problem());
  }

  @Test
  void unterminatedOtherTextKept() {
    assertEquals("if (a) {{ b(); }\n}", render("if (a) {{ b(); }\n}"));
  }

  @Test
  void everySyntaxErrorReported() {
    KeyrunException e = failure("{{ }}\n{{ NAME }}\n{{ dotenv:A\n");

    assertEquals(2, e.earlier().size());
    assertEquals("app.tpl:1", e.earlier().get(0).subject());
    assertEquals("app.tpl:2", e.earlier().get(1).subject());
    assertEquals("app.tpl:3", e.subject());
  }

  @Test
  void repeatedReferenceListedEachTime() {
    assertEquals(List.of("dotenv:A", "dotenv:A"), references("{{ dotenv:A }}{{dotenv:A}}"));
  }
}
