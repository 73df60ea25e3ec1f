package dev.keyrun.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlLinesTest {
  private static final String TEXT =
      """
      # comment
      [project]
      name = "x"

      [keys."API"]
      ref = "dotenv:A" # trailing comment
      description = \"\"\"
      fake = 1
      \"\"\"

      [keys]
      DB.ref = "env://DB"

      [profiles.server]
      API = { ref = "systemd-creds://api" }
      """;

  private final TomlLines lines = new TomlLines(TEXT);

  @Test
  void tableHeaderLineIsFound() {
    assertEquals(2, lines.lineOf(List.of("project")));
    assertEquals(5, lines.lineOf(List.of("keys", "API")));
  }

  @Test
  void assignmentLineIsFound() {
    assertEquals(3, lines.lineOf(List.of("project", "name")));
    assertEquals(6, lines.lineOf(List.of("keys", "API", "ref")));
  }

  @Test
  void multilineStringContentIsSkipped() {
    assertEquals(5, lines.lineOf(List.of("keys", "API", "fake")));
  }

  @Test
  void dottedKeyGivesItsTableLine() {
    assertEquals(12, lines.lineOf(List.of("keys", "DB")));
  }

  @Test
  void inlineTableFieldGivesEntryLine() {
    assertEquals(15, lines.lineOf(List.of("profiles", "server", "API", "ref")));
  }

  @Test
  void unknownPathGivesZero() {
    assertEquals(0, lines.lineOf(List.of("nothing")));
  }

  @Test
  void repeatedKeyLineIsFound() {
    TomlLines repeated = new TomlLines("[a]\nx = 1\ny = 2\nx = 3\n");

    assertEquals(4, repeated.repeatedKeyLine());
    assertEquals(0, lines.repeatedKeyLine());
  }

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
    assertEquals(List.of("op", "a.b"), new TomlLines(text).definitions().get(2).path());
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
  void redefinitionAcrossCommentIsFound() {
    assertEquals(4, new TomlLines("a = 1\n\n# c\na = 2\n").repeatedKeyLine());
    assertEquals(0, new TomlLines("a = 1\n[t]\na = 2\n").repeatedKeyLine());
  }

  @Test
  void unknownDottedKeyHasNoLine() {
    assertEquals(0, TomlLines.lineOf("a = 1\n", "b"));
  }

  private static List<List<String>> paths(String text) {
    return new TomlLines(text).definitions().stream().map(TomlLines.Definition::path).toList();
  }
}
