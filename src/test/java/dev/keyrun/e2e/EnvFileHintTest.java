package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures whose message must point at the real cause rather than a symptom. */
class EnvFileHintTest {
  @TempDir Path directory;

  private Path marker() {
    return directory.resolve("child-ran");
  }

  private Keyrun.Result run(Path envFile) throws Exception {
    return Keyrun.in(directory)
        .args("--env-file", envFile.toString(), "--", "touch", marker().toString())
        .run();
  }

  @Test
  void oversizedValueNamesTheKey() throws Exception {
    Path big = TestFiles.writePrivate(directory.resolve("big"), "a".repeat(140_000));
    Path envFile =
        TestFiles.write(directory.resolve("app.env"), "BIG=file://" + big + "\n", "rw-r--r--");

    Keyrun.Result result = run(envFile);

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: BIG: the value"), result.stderr());
    assertTrue(result.stderr().contains("140000 bytes"), result.stderr());
    assertTrue(result.stderr().contains("at most 131067 bytes as its value"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void misspeltSchemeExplainsModeError() throws Exception {
    Path envFile =
        TestFiles.write(
            directory.resolve("app.env"), "A=keyrng://openai/default\nB=1\n", "rw-r--r--");

    Keyrun.Result result = run(envFile);

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("mode 0644"), result.stderr());
    assertTrue(
        result
            .stderr()
            .contains("hint: these look like misspelt references: A (keyring://); for the"),
        result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void onlyMisspeltValuesNeedNoChmod() throws Exception {
    Path envFile =
        TestFiles.write(directory.resolve("app.env"), "A=keyrng://openai/default\n", "rw-r--r--");

    Keyrun.Result result = run(envFile);

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains("misspelt references: A (keyring://); fix them\n"),
        result.stderr());
    assertFalse(result.stderr().contains("chmod"), result.stderr());
  }
}
