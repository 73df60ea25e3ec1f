package dev.keyrun.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TomlLinesTest {
  @Test
  void tableHeaderPrefixesKeys() {
    String text = "a = 1\n[dotenv]\n# store = 'no'\nstore = \"/x\"\n";

    assertEquals(4, TomlLines.lineOf(text, "dotenv.store"));
    assertEquals(2, TomlLines.lineOf(text, "dotenv"));
    assertEquals(1, TomlLines.lineOf(text, "a"));
  }

  @Test
  void multiLineValuesAreSkipped() {
    String text =
        "path = [\n  \"[x]\",\n  'y = 1',\n]\ns = \"\"\"\nk = 2\n\"\"\"\nt = '''\n[h]\n'''\nk = 3\n";

    assertEquals(List.of(List.of("path"), List.of("s"), List.of("t"), List.of("k")), paths(text));
    assertEquals(11, TomlLines.lineOf(text, "k"));
  }

  @Test
  void quotedKeysAreUnquoted() {
    String text = "[\"op\"]\n'service-account-token' = \"dotenv:T\"\n\"a.b\" = 1\n";

    assertEquals(2, TomlLines.lineOf(text, "op.service-account-token"));
    assertEquals(List.of("op", "a.b"), TomlLines.definitions(text).get(2).path());
  }

  @Test
  void inlineTableKeyNamesItsLine() {
    assertEquals(2, TomlLines.lineOf("a = 1\ndotenv = { store = 'x' }\n", "dotenv.store"));
  }

  @Test
  void escapedQuoteStaysInString() {
    String text = "a = \"say \\\"b = 1\\\"\"\nb = 2\n";

    assertEquals(2, TomlLines.lineOf(text, "b"));
  }

  @Test
  void redefinitionIsFound() {
    assertEquals(Optional.of(4), TomlLines.firstRedefinition("a = 1\n\n# c\na = 2\n"));
    assertEquals(Optional.empty(), TomlLines.firstRedefinition("a = 1\n[t]\na = 2\n"));
  }

  @Test
  void unknownKeyHasNoLine() {
    assertEquals(0, TomlLines.lineOf("a = 1\n", "b"));
  }

  private static List<List<String>> paths(String text) {
    return TomlLines.definitions(text).stream().map(TomlLines.Definition::path).toList();
  }
}
