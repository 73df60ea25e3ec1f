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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun import --to dotenv} on a project with five plaintext keys. */
class ImportDotenvTest {
  private static final String REWRITTEN =
      "# Billing service\n"
          + "OPENAI_API_KEY=dotenv:OPENAI_API_KEY\n"
          + "export STRIPE_KEY=dotenv:STRIPE_KEY   # live key\n"
          + "\n"
          + "DB_PASSWORD=dotenv:DB_PASSWORD\n"
          + "SENTRY_DSN=dotenv:SENTRY_DSN\n"
          + "PLAIN_TOKEN = dotenv:PLAIN_TOKEN\n";

  @TempDir Path directory;
  private ImportFixture fixture;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput();
  }

  private String childSees() throws Exception {
    List<String> args = new ArrayList<>(List.of("--no-mask", "--env-file", ".env", "--"));
    args.add("printenv");
    args.addAll(ImportFixture.KEYS);
    Keyrun.Result child = fixture.keyrun().args(args.toArray(String[]::new)).run();
    assertEquals(0, child.status(), child.stderr());
    return child.stdout();
  }

  private List<Path> backups() throws Exception {
    if (!Files.isDirectory(fixture.backups())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(fixture.backups())) {
      return files.toList();
    }
  }

  @Test
  void applyMovesFiveValues() throws Exception {
    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertEquals(REWRITTEN, fixture.envText());
    assertEquals(String.join("\n", ImportFixture.VALUES) + "\n", childSees());
    for (int i = 0; i < 5; i++) {
      Keyrun.Result read =
          fixture.keyrun().args("read", "-n", "dotenv:" + ImportFixture.KEYS.get(i)).run();
      assertEquals(ImportFixture.VALUES.get(i), read.stdout());
    }
  }

  @Test
  void applyKeepsModeAndWritesPrivateBackup() throws Exception {
    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("rw-r--r--", mode(fixture.envFile));
    List<Path> backups = backups();
    assertEquals(1, backups.size());
    assertEquals("rw-------", mode(backups.get(0)));
    assertEquals("rwx------", mode(fixture.backups()));
    assertEquals(ImportFixture.ENV_FILE, Files.readString(backups.get(0)));
    assertTrue(result.stderr().contains(backups.get(0).toString()), result.stderr());
    assertEquals("rw-------", mode(fixture.store));
  }

  @Test
  void secondImportChangesNothing() throws Exception {
    fixture.run("import", ".env", "--to", "dotenv", "--apply");
    byte[] envBefore = Files.readAllBytes(fixture.envFile);
    byte[] storeBefore = Files.readAllBytes(fixture.store);

    Keyrun.Result again = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, again.status(), again.stderr());
    assertTrue(again.stderr().contains("nothing to import"), again.stderr());
    assertArrayEquals(envBefore, Files.readAllBytes(fixture.envFile));
    assertArrayEquals(storeBefore, Files.readAllBytes(fixture.store));
    assertEquals(1, backups().size());
  }

  @Test
  void dryRunPrintsPlanAndChangesNothing() throws Exception {
    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result.stdout().contains("OPENAI_API_KEY: plain value -> dotenv:OPENAI_API_KEY (new)\n"),
        result.stdout());
    assertEquals(5, result.stdout().lines().count());
    assertTrue(result.stderr().contains("dry run: nothing was changed"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertFalse(Files.exists(fixture.store));
    assertFalse(Files.exists(fixture.backups()));
  }

  @Test
  void planNamesReferencesAndKeptValues() throws Exception {
    TestFiles.write(
        fixture.envFile,
        "REF=keyring://billing/token\nURL=postgres://app:${DB}@db/app\nDB=fixture-db-3c5d\n"
            + "EMPTY=\nCMD=fixture-$(whoami)\n",
        "rw-r--r--");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv");

    assertEquals(0, result.status(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals("REF: already a reference, unchanged", lines.get(0));
    assertEquals("URL: left as is: the value uses a ${NAME} expansion", lines.get(1));
    assertEquals("DB: plain value -> dotenv:DB (new)", lines.get(2));
    assertEquals("EMPTY: left as is: the value is empty", lines.get(3));
    assertTrue(lines.get(4).startsWith("CMD: left as is: the value looks like a shell"));
  }

  @Test
  void plainValuesLeftAreNamed() throws Exception {
    TestFiles.write(
        fixture.envFile, "DB=fixture-db-3c5d\nDUP=fixture-a-11\nDUP=fixture-b-22\n", "rw-r--r--");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stderr()
            .contains(
                "keyrun: notice: .env still holds plain values (DUP) and others can read it (mode"
                    + " rw-r--r--); a run refuses it until you move those values or run: chmod"
                    + " 600 .env"),
        result.stderr());
  }

  @Test
  void equalStoredValueIsReused() throws Exception {
    fixture.record(
        fixture.keyrun().input("fixture-db-3c5d").args("set", "dotenv:DB_PASSWORD").run());

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "DB_PASSWORD: plain value -> dotenv:DB_PASSWORD (the store already holds this"
                    + " value)"),
        result.stdout());
    assertEquals(REWRITTEN, fixture.envText());
  }

  @Test
  void differentStoredValueRejectsImport() throws Exception {
    fixture.record(fixture.keyrun().input("another-value").args("set", "dotenv:DB_PASSWORD").run());
    byte[] storeBefore = Files.readAllBytes(fixture.store);

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("DB_PASSWORD (dotenv:DB_PASSWORD)"), result.stderr());
    assertTrue(result.stderr().contains("--prefix"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertArrayEquals(storeBefore, Files.readAllBytes(fixture.store));
    assertFalse(Files.exists(fixture.backups()));
  }

  @Test
  void prefixAvoidsConflict() throws Exception {
    fixture.record(fixture.keyrun().input("another-value").args("set", "dotenv:DB_PASSWORD").run());

    Keyrun.Result result =
        fixture.run("import", ".env", "--to", "dotenv", "--prefix", "BILLING_", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(fixture.envText().contains("DB_PASSWORD=dotenv:BILLING_DB_PASSWORD\n"));
    assertEquals(String.join("\n", ImportFixture.VALUES) + "\n", childSees());
  }

  @Test
  void unusableStoreLeavesFileIntact() throws Exception {
    Path notADirectory = directory.resolve("plain-file");
    Files.writeString(notADirectory, "");
    Keyrun keyrun = fixture.keyrun().env("KEYRUN_DOTENV_STORE", notADirectory + "/secrets.env");

    Keyrun.Result result =
        fixture.record(keyrun.args("import", ".env", "--to", "dotenv", "--apply").run());

    // Depending on the JVM, the store's check before the backup or its write after it fails.
    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains(notADirectory.toString()), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
  }

  @Test
  void storeFailingMidwayLeavesFileIntact() throws Exception {
    String large = "x".repeat(400_000);
    String content = "A=fixture-a-" + large + "\nB=fixture-b-" + large + "\nC=fixture-c-" + large;
    TestFiles.write(fixture.envFile, content + "\n", "rw-r--r--");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("keyrun: C: storing it as dotenv:C failed"));
    assertTrue(
        result.stderr().contains(".env is unchanged; stored so far: dotenv:A, dotenv:B"),
        result.stderr());
    assertEquals(content + "\n", fixture.envText());
    assertEquals(1, backups().size());

    Keyrun.Result again = fixture.run("import", ".env", "--to", "dotenv");
    assertTrue(again.stdout().contains("A: plain value -> dotenv:A (the store already holds"));
    assertTrue(again.stdout().contains("C: plain value -> dotenv:C (new)"));
  }

  @Test
  void unwritableBackupDirectoryChangesNothing() throws Exception {
    Path notADirectory = directory.resolve("plain-file");
    Files.writeString(notADirectory, "");
    Keyrun keyrun = fixture.keyrun().env("XDG_STATE_HOME", notADirectory.toString());

    Keyrun.Result result =
        fixture.record(keyrun.args("import", ".env", "--to", "dotenv", "--apply").run());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("cannot write the backup"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertFalse(Files.exists(fixture.store));
  }

  @Test
  void deleteBackupAfterCheckingValues() throws Exception {
    fixture.run("import", ".env", "--to", "dotenv", "--apply");
    Path backup = backups().get(0);

    Keyrun.Result result = fixture.run("import", ".env", "--delete-backup");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stderr().contains("deleted the backup " + backup), result.stderr());
    assertFalse(Files.exists(backup));
  }

  @Test
  void deleteBackupRejectsChangedValues() throws Exception {
    fixture.run("import", ".env", "--to", "dotenv", "--apply");
    fixture.record(fixture.keyrun().input("rotated").args("set", "dotenv:PLAIN_TOKEN").run());

    Keyrun.Result result = fixture.run("import", ".env", "--delete-backup");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("(different or missing: PLAIN_TOKEN)"), result.stderr());
    assertEquals(1, backups().size());
  }

  @Test
  void applyAndDeleteBackupInOneRun() throws Exception {
    Keyrun.Result result =
        fixture.run("import", ".env", "--to", "dotenv", "--apply", "--delete-backup");

    assertEquals(0, result.status(), result.stderr());
    assertEquals(REWRITTEN, fixture.envText());
    assertEquals(0, backups().size());
  }

  @Test
  void keepsLineBreaksAndMultiLineValues() throws Exception {
    String content =
        "\uFEFFA=fixture-a\r\n# note \"quoted\r\nB=\"fixture-b\r\nsecond\"  # two lines\r\nC=kept:${A}\r\n";
    TestFiles.write(fixture.envFile, content, "rw-------");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertEquals(
        "\uFEFFA=dotenv:A\r\n# note \"quoted\r\nB=dotenv:B  # two lines\r\nC=kept:${A}\r\n",
        fixture.envText());
    assertEquals("rw-------", mode(fixture.envFile));
    assertEquals(
        "fixture-b\nsecond", fixture.keyrun().args("read", "-n", "dotenv:B").run().stdout());
  }

  @Test
  void malformedFileIsRejected() throws Exception {
    TestFiles.write(fixture.envFile, "A=fixture-a\nnot an assignment\n", "rw-r--r--");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: .env:2: not an assignment"), result.stderr());
    assertFalse(Files.exists(fixture.backups()));
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
