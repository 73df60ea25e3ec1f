package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun init}: a starter keyrun.toml that is valid TOML and contains no value. */
class InitTest {
  private static final TomlMapper TOML = new TomlMapper();

  @TempDir Path directory;
  private ImportFixture fixture;
  private Path manifest;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
    manifest = fixture.project.resolve("keyrun.toml");
  }

  @AfterEach
  void noValueWasPrinted() throws Exception {
    fixture.assertNoValueInOutput();
    if (Files.exists(manifest)) {
      String text = Files.readString(manifest);
      for (String value : ImportFixture.VALUES) {
        assertFalse(text.contains(value), "a value was written to keyrun.toml");
      }
    }
  }

  @Test
  void initWritesValidStarter() throws Exception {
    Keyrun.Result result = fixture.run("init");

    assertEquals(0, result.status(), result.stderr());
    assertEquals(0, result.stdoutBytes().length);
    assertTrue(result.stderr().startsWith("keyrun: wrote " + manifest), result.stderr());
    JsonNode toml = TOML.readTree(Files.readString(manifest));
    assertEquals("billing", toml.get("project").get("name").asText());
    assertFalse(toml.has("keys"));
    assertTrue(Files.readString(manifest).contains("# [profiles.server]"));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
  }

  @Test
  void initFromEnvFileSuggestsReferences() throws Exception {
    Keyrun.Result result = fixture.run("init", "--from", ".env");

    assertEquals(0, result.status(), result.stderr());
    JsonNode keys = TOML.readTree(Files.readString(manifest)).get("keys");
    for (String key : ImportFixture.KEYS) {
      assertEquals("dotenv:" + key, keys.get(key).get("ref").asText());
    }
    assertTrue(result.stderr().contains("keyrun import .env --to dotenv --apply"), result.stderr());
  }

  @Test
  void uncommentedProfilesOfTheStarterAreValid() throws Exception {
    fixture.run("init", "--from", ".env");
    StringBuilder uncommented = new StringBuilder();
    boolean inProfiles = false;
    for (String line : Files.readAllLines(manifest)) {
      inProfiles |= line.startsWith("# [profiles.");
      boolean example = inProfiles && line.startsWith("# ") && !line.startsWith("# or,");
      uncommented.append(example && !line.startsWith("#   ") ? line.substring(2) : line);
      uncommented.append('\n');
    }
    Files.writeString(manifest, uncommented);

    Keyrun.Result laptop = fixture.run("check", "--profile", "laptop");
    Keyrun.Result server = fixture.run("check", "--profile", "server");

    assertTrue(laptop.status() == 0 || laptop.status() == 1, laptop.stderr());
    assertTrue(server.status() == 0 || server.status() == 1, server.stderr());
  }

  @Test
  void initKeepsReferencesAndQuotesKeys() throws Exception {
    TestFiles.write(
        fixture.envFile,
        "export A.B=keyring://billing/a\nx-y=op://Work/\"q\"/credential\nURL=u:${A.B}\n"
            + "EMPTY=\nPLAIN=fixture-plain-1\n",
        "rw-r--r--");

    Keyrun.Result result = fixture.run("init", "--from", ".env");

    assertEquals(0, result.status(), result.stderr());
    JsonNode keys = TOML.readTree(Files.readString(manifest)).get("keys");
    assertEquals("keyring://billing/a", keys.get("A.B").get("ref").asText());
    assertEquals("op://Work/\"q\"/credential", keys.get("x-y").get("ref").asText());
    assertFalse(keys.has("URL"));
    assertEquals("dotenv:EMPTY", keys.get("EMPTY").get("ref").asText());
    assertEquals("dotenv:PLAIN", keys.get("PLAIN").get("ref").asText());
    assertFalse(Files.readString(manifest).contains("fixture-plain-1"));
  }

  @Test
  void initRefusesToOverwrite() throws Exception {
    Files.writeString(manifest, "# mine\n");

    Keyrun.Result result = fixture.run("init");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("already exists"), result.stderr());
    assertTrue(result.stderr().contains("--force"), result.stderr());
    assertEquals("# mine\n", Files.readString(manifest));
  }

  @Test
  void initForceReplaces() throws Exception {
    Files.writeString(manifest, "# mine\n");

    Keyrun.Result result = fixture.run("init", "--force", "--from", ".env");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(TOML.readTree(Files.readString(manifest)).has("keys"));
  }

  @Test
  void initFromMissingFileWritesNothing() throws Exception {
    Keyrun.Result result = fixture.run("init", "--from", "missing.env");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: missing.env: no such file"), result.stderr());
    assertFalse(Files.exists(manifest));
  }
}
