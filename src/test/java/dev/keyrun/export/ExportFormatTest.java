package dev.keyrun.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.DotenvExpander;
import dev.keyrun.dotenv.ExpandedValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
  /** Values with every character that needs care in one of the formats. */
  private static final String[][] CASES = {
    {"EMPTY", ""},
    {"QUOTES", "it's \"quoted\""},
    {"BACKSLASH", "a\\b\\'c\\\\"},
    {"NEWLINES", "one\ntwo\r\nthree\r"},
    {"DOLLAR", "$HOME ${HOME} $(id) `id`"},
    {"UNICODE", "café ✓ 🔑 \u2028"},
    {"CONTROL", "tab\there\u0001\u001f\u007f"},
  };

  private static String write(ExportFormat format, String key, String value) {
    return new String(format.write(Map.of(key, value.getBytes(UTF_8))), UTF_8);
  }

  @Test
  void shSingleQuotesEverything() {
    assertEquals("export EMPTY=''\n", write(ExportFormat.SH, "EMPTY", ""));
    assertEquals("export Q='it'\\''s \"q\"'\n", write(ExportFormat.SH, "Q", "it's \"q\""));
    assertEquals("export B='a\\b'\n", write(ExportFormat.SH, "B", "a\\b"));
    assertEquals("export D='$HOME $(id)'\n", write(ExportFormat.SH, "D", "$HOME $(id)"));
    assertEquals("export N='a\nb'\n", write(ExportFormat.SH, "N", "a\nb"));
    assertEquals("export U='café 🔑'\n", write(ExportFormat.SH, "U", "café 🔑"));
  }

  @Test
  void fishEscapesQuoteAndBackslash() {
    assertEquals("set -gx EMPTY ''\n", write(ExportFormat.FISH, "EMPTY", ""));
    assertEquals("set -gx Q 'it\\'s'\n", write(ExportFormat.FISH, "Q", "it's"));
    assertEquals("set -gx B 'a\\\\b\\\\\\''\n", write(ExportFormat.FISH, "B", "a\\b\\'"));
    assertEquals("set -gx D '$HOME'\n", write(ExportFormat.FISH, "D", "$HOME"));
  }

  @Test
  void shPassesBytesThatAreNotUtf8() {
    byte[] value = {'a', (byte) 0xff, (byte) 0xc3};

    byte[] line = ExportFormat.SH.write(Map.of("K", value));

    assertArrayEquals(
        new byte[] {
          'e',
          'x',
          'p',
          'o',
          'r',
          't',
          ' ',
          'K',
          '=',
          '\'',
          'a',
          (byte) 0xff,
          (byte) 0xc3,
          '\'',
          '\n'
        },
        line);
  }

  @Test
  void jsonEscapesControlCharacters() {
    assertEquals("{\"EMPTY\":\"\"}\n", write(ExportFormat.JSON, "EMPTY", ""));
    assertEquals(
        "{\"K\":\"\\\"q\\\" \\\\ \\n\\r\\t\\b\\f\\u0001\\u001f\u007f $x é 🔑\"}\n",
        write(ExportFormat.JSON, "K", "\"q\" \\ \n\r\t\b\f\u0001\u001f\u007f $x é 🔑"));
  }

  @Test
  void jsonKeepsOrder() {
    Map<String, byte[]> values = new LinkedHashMap<>();
    values.put("B", "2".getBytes(UTF_8));
    values.put("A", "1".getBytes(UTF_8));

    assertEquals("{\"B\":\"2\",\"A\":\"1\"}\n", new String(ExportFormat.JSON.write(values), UTF_8));
  }

  @Test
  void dotenvQuotesForTheDialect() {
    assertEquals("EMPTY=''\n", write(ExportFormat.DOTENV, "EMPTY", ""));
    assertEquals("D='${HOME}'\n", write(ExportFormat.DOTENV, "D", "${HOME}"));
    assertEquals("Q=\"it's \\${HOME}\"\n", write(ExportFormat.DOTENV, "Q", "it's ${HOME}"));
    assertEquals("R=\"a\\r\\nb\"\n", write(ExportFormat.DOTENV, "R", "a\r\nb"));
  }

  @Test
  void dotenvRoundTripsThroughParser() {
    for (String[] c : CASES) {
      String line = write(ExportFormat.DOTENV, c[0], c[1]);

      Map<String, ExpandedValue> parsed =
          DotenvExpander.parseAndExpand(
              "export.env", line.getBytes(UTF_8), name -> null, value -> false);

      assertEquals(c[1], parsed.get(c[0]).plainText(), c[0]);
    }
  }

  @Test
  void shellRejectsDottedKey() {
    KeyrunException e =
        assertThrows(KeyrunException.class, () -> write(ExportFormat.SH, "A.B", "x"));

    assertEquals("A.B", e.subject());
    assertEquals("not a valid sh variable name (letters, digits and _ only)", e.problem());
  }

  @Test
  void jsonRejectsInvalidUtf8() {
    KeyrunException e =
        assertThrows(
            KeyrunException.class,
            () -> ExportFormat.JSON.write(Map.of("K", new byte[] {(byte) 0xff})));

    assertEquals("the value is not valid UTF-8, which json cannot carry", e.problem());
  }

  @Test
  void formatNamedLowerCase() {
    assertEquals(ExportFormat.FISH, ExportFormat.named("fish").orElseThrow());
    assertEquals(false, ExportFormat.named("SH").isPresent());
  }
}
