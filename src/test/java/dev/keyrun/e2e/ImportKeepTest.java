package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun import --keep NAME,...}: settings that are not secret stay in the env file as plain
 * values, in the plan, the rewritten file and the notice about plain values left.
 */
class ImportKeepTest {
  private static final String SETTINGS = "LOG_LEVEL=info\nPORT=8080\n";

  @TempDir Path directory;
  private ImportFixture fixture;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
    TestFiles.write(fixture.envFile, ImportFixture.ENV_FILE + SETTINGS, "rw-r--r--");
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput();
  }

  @Test
  void dryRunShowsKeptKeys() throws Exception {
    Keyrun.Result result =
        fixture.run("import", ".env", "--to", "dotenv", "--keep", "LOG_LEVEL,PORT");

    assertEquals(0, result.status(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(7, lines.size(), result.stdout());
    assertEquals("LOG_LEVEL: kept as is (--keep)", lines.get(5));
    assertEquals("PORT: kept as is (--keep)", lines.get(6));
    assertTrue(
        result.stderr().contains("run the same command with --apply to move 5 values"),
        result.stderr());
    assertEquals(ImportFixture.ENV_FILE + SETTINGS, fixture.envText());
    assertFalse(Files.exists(fixture.store));
  }

  @Test
  void applyLeavesKeptValuesInFile() throws Exception {
    Keyrun.Result result =
        fixture.run(
            "import", ".env", "--to", "dotenv", "--keep", "LOG_LEVEL", "--keep", "PORT", "--apply");

    assertEquals(0, result.status(), result.stderr());
    String text = fixture.envText();
    assertTrue(text.endsWith("\n" + SETTINGS), text);
    assertTrue(text.contains("OPENAI_API_KEY=dotenv:OPENAI_API_KEY\n"), text);
    String store = Files.readString(fixture.store);
    assertFalse(store.contains("LOG_LEVEL"), "kept key in the store");
    assertFalse(store.contains("PORT"), "kept key in the store");
    assertTrue(
        result
            .stderr()
            .contains(
                "keyrun: notice: .env still holds plain values (LOG_LEVEL (--keep), PORT"
                    + " (--keep)) and others can read it (mode rw-r--r--); a run refuses it until"
                    + " you run: chmod 600 .env\n"),
        result.stderr());
  }

  @Test
  void keptSecretStaysUnstored() throws Exception {
    Keyrun.Result result =
        fixture.run("import", ".env", "--to", "dotenv", "--keep", "PLAIN_TOKEN", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(fixture.envText().contains("PLAIN_TOKEN = fixture-token-5e7f\n"));
    assertTrue(fixture.envText().contains("LOG_LEVEL=dotenv:LOG_LEVEL\n"));
    assertFalse(Files.readString(fixture.store).contains("PLAIN_TOKEN"));
  }

  @Test
  void unknownKeepNameIsUsageError() throws Exception {
    Keyrun.Result result =
        fixture.run("import", ".env", "--to", "dotenv", "--keep", "LOG_LEVEL,LOG_LEVL", "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertEquals(
        "keyrun: --keep: LOG_LEVL not found in .env; nothing was changed\n", result.stderr());
    assertEquals("", result.stdout());
    assertEquals(ImportFixture.ENV_FILE + SETTINGS, fixture.envText());
    assertFalse(Files.exists(fixture.store));
    assertFalse(Files.exists(fixture.backups()));
  }

  @Test
  void emptyKeepNameIsRejected() throws Exception {
    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--keep", ",PORT");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: --keep: contains an empty name\n"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE + SETTINGS, fixture.envText());
  }
}
