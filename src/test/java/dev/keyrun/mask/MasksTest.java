package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasksTest {

  private static final String MARKER = Masks.MARKER_TEXT;

  /** A value whose standard and URL-safe Base64 differ and need padding. */
  private static final String BASE64_VALUE = "s3cret>>>?value~~";

  @Test
  void markerIsUtf8OfMarkerText() {
    assertEquals("<concealed by keyrun>", MARKER);
    assertArrayEquals(MARKER.getBytes(UTF_8), Masks.MARKER);
  }

  @Test
  void markerArrayChangeIgnored() throws IOException {
    byte[] original = Masks.MARKER.clone();
    Masks.MARKER[0] = 'X';
    try {
      assertEquals("[" + MARKER + "]", mask(masks("abcdef-secret"), "[abcdef-secret]"));
    } finally {
      System.arraycopy(original, 0, Masks.MARKER, 0, original.length);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abcde", "  abcde  ", "\nabcde\r\n", "\t\t\t\t\t\t\t"})
  void shortValueNotMaskable(String value) {
    assertFalse(Masks.isMaskable(value.getBytes(UTF_8)));
    assertTrue(Masks.of(List.of(value.getBytes(UTF_8))).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdef", " abcdef\n", "ab cdef", "pässw"})
  void longEnoughValueMaskable(String value) {
    assertTrue(Masks.isMaskable(value.getBytes(UTF_8)));
    assertFalse(Masks.of(List.of(value.getBytes(UTF_8))).isEmpty());
  }

  @Test
  void shortValueLeftInOutput() throws IOException {
    Masks masks = masks("8080", "true", "long-enough-secret");

    String output = mask(masks, "port 8080 debug true key long-enough-secret\n");

    assertEquals("port 8080 debug true key " + MARKER + "\n", output);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "p%40ss%20w/rd%3A%C3%A9%22x%281%29",
        "p%40ss%20w%2Frd%3A%C3%A9%22x(1)",
        "p%40ss%20w%2Frd%3A%C3%A9%22x%281%29"
      })
  void urlEncodingVariantsMasked(String encoded) throws IOException {
    Masks masks = masks("p@ss w/rd:é\"x(1)");

    assertEquals("url=" + MARKER + "\n", mask(masks, "url=" + encoded + "\n"));
  }

  @Test
  void cutOffConcealsHeldPrefix() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    MaskingOutputStream stream = masks("sk-live-1234567890").wrap(sink);

    stream.write("key=sk-live-1234".getBytes(UTF_8));
    stream.cutOff();

    assertEquals("key=" + MARKER, sink.toString(UTF_8));
  }

  @Test
  void noValuesGiveEmptyMasks() {
    Masks masks = Masks.of(List.of());

    assertTrue(masks.isEmpty());
    assertEquals(0, masks.patternCount());
  }

  @Test
  void patternCountCountsDistinctForms() {
    Masks plain = masks("abcdefgh");
    Masks twice = masks("abcdefgh", "abcdefgh");

    assertEquals(plain.patternCount(), twice.patternCount());
    assertTrue(plain.patternCount() > 1, "count " + plain.patternCount());
  }

  @Test
  void untrimmedValueAddsItsEncodings() {
    Masks plain = masks("abcdefgh");
    Masks withNewline = masks("abcdefgh\n");

    assertTrue(withNewline.patternCount() > plain.patternCount(), withNewline.toString());
  }

  @Test
  void toStringRevealsNoValue() {
    String[] values = {"hunter2-secret", "sk-live-abc123", "1234567890", "pässwörd!"};

    String text = masks(values).toString();

    for (String value : values) {
      assertFalse(text.contains(value), text);
    }
    assertTrue(text.startsWith("Masks["), text);
  }

  @Test
  void nullValueRejected() {
    List<byte[]> values = Arrays.asList("abcdef-secret".getBytes(UTF_8), null);

    NullPointerException e = assertThrows(NullPointerException.class, () -> Masks.of(values));

    assertFalse(e.getMessage().contains("abcdef"), e.getMessage());
  }

  @Test
  void callerArraysUnchanged() {
    byte[] value = "\n abcdef-secret \n".getBytes(UTF_8);
    byte[] copy = value.clone();

    Masks.of(List.of(value));

    assertArrayEquals(copy, value);
  }

  @Test
  void base64FormsMasked() throws IOException {
    byte[] value = BASE64_VALUE.getBytes(UTF_8);
    Masks masks = Masks.of(List.of(value));
    List<String> encodings =
        List.of(
            Base64.getEncoder().encodeToString(value),
            Base64.getEncoder().withoutPadding().encodeToString(value),
            Base64.getUrlEncoder().encodeToString(value),
            Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    assertNotEquals(encodings.get(0), encodings.get(2));
    assertNotEquals(encodings.get(0), encodings.get(1));

    for (String encoding : encodings) {
      assertEquals("[" + MARKER + "]", mask(masks, "[" + encoding + "]"), encoding);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"u:", "ab:", "user:", "admin:", "operator:", "x"})
  void basicAuthorizationMasked(String user) throws IOException {
    Masks masks = masks(BASE64_VALUE);
    byte[] credentials = (user + BASE64_VALUE).getBytes(UTF_8);
    String header = "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials);

    String output = mask(masks, header + "\n");

    assertTrue(output.contains(MARKER), output);
    // At most the characters that mix the user name with the value (before the marker) and
    // those that mix the value with the padding (after it) stay.
    String pattern =
        "Authorization: Basic [A-Za-z0-9+/]{0,12}<concealed by keyrun>[A-Za-z0-9+/=]{0,3}\n";
    assertTrue(output.matches(pattern), output);
  }

  @Test
  void percentFormsMasked() throws IOException {
    String value = "p@ss word/+&é-123";
    Masks masks = masks(value);
    // urllib.parse.quote(value, safe="") and quote_plus(value, safe=""), as Python 3.11 writes
    // them, and the same with lowercase hex digits.
    String upper = "p%40ss%20word%2F%2B%26%C3%A9-123";
    String form = "p%40ss+word%2F%2B%26%C3%A9-123";
    String lower = "p%40ss%20word%2f%2b%26%c3%a9-123";
    assertEquals(form, URLEncoder.encode(value, UTF_8));

    for (String encoding : List.of(upper, form, lower)) {
      assertEquals("?q=" + MARKER + "&x=1", mask(masks, "?q=" + encoding + "&x=1"), encoding);
    }
  }

  @Test
  void jacksonEscapedValueMasked() throws IOException {
    String value = "quote\"back\\slash\nnew é 😀 tab\tctl\u001f/end";
    Masks masks = masks(value);
    ObjectMapper minimal = new ObjectMapper();
    ObjectMapper ascii = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    assertTrue(ascii.writeValueAsString(value).contains("\\u00E9"), "uppercase hex expected");

    for (ObjectMapper mapper : List.of(minimal, ascii)) {
      String json = mapper.writeValueAsString(Map.of("key", value));

      assertEquals("{\"key\":\"" + MARKER + "\"}", mask(masks, json), json);
    }
  }

  @Test
  void pythonEscapedValueMasked() throws IOException {
    String value = "quote\"back\\slash\nnew é 😀 tab\tctl\u0001del\u007f/";
    Masks masks = masks(value);
    // json.dumps(value) and json.dumps(value, ensure_ascii=False), as Python 3.11 writes them.
    String ascii =
        "quote\\\"back\\\\slash\\nnew \\u00e9 \\ud83d\\ude00 tab\\tctl\\u0001del\\u007f/";
    String raw = "quote\\\"back\\\\slash\\nnew é 😀 tab\\tctl\\u0001del\u007f/";
    String php = ascii.replace("/", "\\/");

    for (String json : List.of(ascii, raw, php)) {
      assertEquals("\"" + MARKER + "\"", mask(masks, "\"" + json + "\""), json);
    }
  }

  @Test
  void pythonEscapedNonUtf8ValueMasked() throws IOException {
    byte[] value = {(byte) 0xff, 'a', 'b', (byte) 0xc3, (byte) 0xa9, 'c', 'd', (byte) 0xe2};
    Masks masks = Masks.of(List.of(value));
    // json.dumps(value.decode("utf-8", "surrogateescape")), as Python 3.11 writes it.
    String json = "\"\\udcffab\\u00e9cd\\udce2\"";

    assertEquals("\"" + MARKER + "\"", mask(masks, json));
  }

  @Test
  void nonUtf8PercentFormMasked() throws IOException {
    byte[] value = {(byte) 0xff, 'a', 'b', (byte) 0x80, 'c', 'd'};
    Masks masks = Masks.of(List.of(value));

    assertEquals("=" + MARKER + "&", mask(masks, "=%FFab%80cd&"));
    assertEquals("=" + MARKER + "&", mask(masks, "=%ffab%80cd&"));
  }

  @Test
  void valuesShareNoState() throws IOException {
    Masks masks = masks("first-secret-1", "second-secret-2");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    MaskingOutputStream firstStream = masks.wrap(first);
    MaskingOutputStream secondStream = masks.wrap(second);

    firstStream.write("a first-sec".getBytes(UTF_8));
    secondStream.write("b second-secret-2\n".getBytes(UTF_8));
    firstStream.write("ret-1\n".getBytes(UTF_8));

    assertEquals("a " + MARKER + "\n", first.toString(UTF_8));
    assertEquals("b " + MARKER + "\n", second.toString(UTF_8));
  }

  @Test
  void latin1ValueMaskedAsGivenBytes() throws IOException {
    byte[] value = "grüße-secret".getBytes(ISO_8859_1);
    Masks masks = Masks.of(List.of(value));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    try (MaskingOutputStream out = masks.wrap(sink)) {
      out.write(("x " + "grüße-secret" + " y").getBytes(ISO_8859_1));
    }

    assertEquals("x " + MARKER + " y", sink.toString(ISO_8859_1));
  }

  private static Masks masks(String... values) {
    return MaskingOutputStreamTest.masks(values);
  }

  private static String mask(Masks masks, String text) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (MaskingOutputStream out = masks.wrap(sink)) {
      out.write(text.getBytes(UTF_8));
    }
    return sink.toString(UTF_8);
  }
}
