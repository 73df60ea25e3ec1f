package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun import --to keyring} against the private test keyring. */
class ImportKeyringTest {
  @TempDir Path directory;
  private ImportFixture fixture;
  private TestKeyring keyring;
  private String service;

  @BeforeEach
  void createProject() throws Exception {
    keyring = TestKeyring.shared();
    fixture = new ImportFixture(directory);
    service = "keyrun-e2e-import-" + UUID.randomUUID();
  }

  @AfterEach
  void removeItems() {
    if (keyring != null) {
      ImportFixture.KEYS.forEach(key -> keyring.clear(service, key));
    }
    fixture.assertNoValueInOutput();
  }

  private Keyrun.Result run(String... args) throws Exception {
    Keyrun keyrun = fixture.keyrun().unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);
    return fixture.record(keyrun.args(args).run());
  }

  @Test
  void applyMovesValuesIntoKeyring() throws Exception {
    Keyrun.Result result =
        run("import", ".env", "--to", "keyring", "--service", service, "--apply");

    assertEquals(0, result.status(), result.stderr());
    String text = fixture.envText();
    for (int i = 0; i < 5; i++) {
      String key = ImportFixture.KEYS.get(i);
      assertTrue(
          text.contains("=keyring://" + service + "/" + key)
              || text.contains("= keyring://" + service + "/" + key),
          text);
      assertArrayEquals(
          ImportFixture.VALUES.get(i).getBytes(UTF_8), keyring.lookup(service, key).orElseThrow());
    }

    List<String> args = new ArrayList<>(List.of("--no-mask", "--env-file", ".env", "--"));
    args.add("printenv");
    args.addAll(ImportFixture.KEYS);
    Keyrun keyrun = fixture.keyrun().unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);
    Keyrun.Result child = keyrun.args(args.toArray(String[]::new)).run();
    assertEquals(String.join("\n", ImportFixture.VALUES) + "\n", child.stdout(), child.stderr());
  }

  @Test
  void secondImportIntoKeyringChangesNothing() throws Exception {
    run("import", ".env", "--to", "keyring", "--service", service, "--apply");
    byte[] before = Files.readAllBytes(fixture.envFile);

    Keyrun.Result again = run("import", ".env", "--to", "keyring", "--service", service, "--apply");

    assertEquals(0, again.status(), again.stderr());
    assertTrue(again.stderr().contains("nothing to import"), again.stderr());
    assertArrayEquals(before, Files.readAllBytes(fixture.envFile));
  }

  @Test
  void differentKeyringValueRejectsImport() throws Exception {
    keyring.store(service, "STRIPE_KEY", "another".getBytes(UTF_8));

    Keyrun.Result result =
        run("import", ".env", "--to", "keyring", "--service", service, "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("STRIPE_KEY (keyring://" + service + "/STRIPE_KEY)"));
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertTrue(keyring.lookup(service, "OPENAI_API_KEY").isEmpty());
  }

  @Test
  void serviceDefaultsToDirectoryName() throws Exception {
    Keyrun.Result result = run("import", ".env", "--to", "keyring");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result.stdout().contains("OPENAI_API_KEY: plain value -> keyring://billing/OPENAI_API_KEY"),
        result.stdout());
  }
}
