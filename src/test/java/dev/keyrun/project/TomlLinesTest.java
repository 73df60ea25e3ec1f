package dev.keyrun.project;

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
}
