package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun import --to systemd-creds} with the real systemd-creds and a host key of the test's
 * own, read back through {@code systemd-creds://}.
 */
class ImportSystemdCredsTest {
  @TempDir Path directory;
  private ImportFixture fixture;
  private Path credstore;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
    credstore = directory.resolve("credstore.encrypted");
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput();
  }

  private Keyrun keyrun() {
    return fixture
        .keyrun()
        .env("SYSTEMD_CREDENTIAL_SECRET", directory.resolve("host.secret").toString())
        .env("KEYRUN_CREDSTORE_PATH", credstore.toString());
  }

  private Keyrun.Result importApply() throws Exception {
    return fixture.record(
        keyrun()
            .args(
                "import",
                ".env",
                "--to",
                "systemd-creds",
                "--credstore",
                credstore.toString(),
                "--apply")
            .run());
  }

  @Test
  void applyEncryptsEachValue() throws Exception {
    Keyrun.Result result = importApply();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(fixture.envText().contains("OPENAI_API_KEY=systemd-creds://OPENAI_API_KEY\n"));
    for (String key : ImportFixture.KEYS) {
      Path file = credstore.resolve(key);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertFalse(Files.readString(file).contains("fixture"));
    }

    // Values from systemd credentials are files by default; --as-env makes them variables.
    String keys = String.join(",", ImportFixture.KEYS);
    List<String> args =
        new ArrayList<>(List.of("--no-mask", "--as-env", keys, "--env-file", ".env", "--"));
    args.add("printenv");
    args.addAll(ImportFixture.KEYS);
    Keyrun.Result child = keyrun().args(args.toArray(String[]::new)).run();
    assertEquals(String.join("\n", ImportFixture.VALUES) + "\n", child.stdout(), child.stderr());
  }

  @Test
  void secondImportReusesCredentials() throws Exception {
    importApply();
    byte[] before = Files.readAllBytes(credstore.resolve("DB_PASSWORD"));
    TestFiles.write(fixture.envFile, ImportFixture.ENV_FILE, "rw-r--r--");

    Keyrun.Result again = importApply();

    assertEquals(0, again.status(), again.stderr());
    assertTrue(
        again.stdout().contains("DB_PASSWORD: plain value -> systemd-creds://DB_PASSWORD (the"),
        again.stdout());
    assertArrayEquals(before, Files.readAllBytes(credstore.resolve("DB_PASSWORD")));
  }

  @Test
  void directoryMustBeNamedEncrypted() throws Exception {
    Keyrun.Result result =
        fixture.record(
            keyrun()
                .args(
                    "import",
                    ".env",
                    "--to",
                    "systemd-creds",
                    "--credstore",
                    directory.resolve("plain").toString(),
                    "--apply")
                .run());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("is not named *.encrypted"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
  }
}
