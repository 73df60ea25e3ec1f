package dev.keyrun.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlTreeTest {
  @Test
  void valuesKeepTheirTypesAndOrder() throws Exception {
    Map<String, Object> tree =
        TomlTree.read(
            """
            b = "text"
            a = true
            n = 90
            f = 1.5
            list = [1, "two"]
            day = 1979-05-27

            [t.inner]
            x = { y = false }
            """);

    assertEquals(List.of("b", "a", "n", "f", "list", "day", "t"), List.copyOf(tree.keySet()));
    assertEquals("text", tree.get("b"));
    assertEquals(Boolean.TRUE, tree.get("a"));
    assertEquals(90, ((Number) tree.get("n")).intValue());
    assertEquals(1.5, ((Number) tree.get("f")).doubleValue());
    assertEquals(List.of(1, "two"), tree.get("list"));
    assertEquals("1979-05-27", tree.get("day"));
    assertEquals(Map.of("inner", Map.of("x", Map.of("y", false))), tree.get("t"));
  }

  @Test
  void emptyTextIsEmptyTable() throws Exception {
    assertEquals(Map.of(), TomlTree.read(""));
  }

  @Test
  void malformedTextThrowsWithLine() {
    TomlSyntaxException e =
        assertThrows(TomlSyntaxException.class, () -> TomlTree.read("a = 1\nb = \n"));

    assertEquals(2, e.line());
  }

  @Test
  void duplicateKeyNamesRepeatedLine() {
    TomlSyntaxException e =
        assertThrows(
            TomlSyntaxException.class, () -> TomlTree.read("a = 1\n\n# note\na = 2\n\n# end\n"));

    assertEquals("Duplicate key", e.reason());
    assertEquals(4, e.line());
  }

  @Test
  void commonTyposGetPlainReasons() {
    assertEquals(reason("ref = dotenv:X\n"), "a value that is not TOML (text needs double quotes)");
    assertEquals(reason("ref = \"x\" junk\n"), "more text after the value");
    assertEquals(
        reason("[keys.A\nref = \"x\"\n"),
        "the line ends too early (an unclosed [table] header, or a key without = value)");
  }

  private static String reason(String text) {
    return assertThrows(TomlSyntaxException.class, () -> TomlTree.read(text)).reason();
  }
}
