package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun import --to op} with the fake 1Password CLI. */
class ImportOpTest {
  private static final Path FAKE = Path.of("src/test/fakes/op").toAbsolutePath();
  private static final String TOKEN = "ops_eyJzaWduSW5BZGRyZXNzIjoi";

  @TempDir Path directory;
  private ImportFixture fixture;
  private Path database;
  private Path log;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
    database = directory.resolve("op-db");
    log = directory.resolve("op.log");
    Files.createDirectories(database.resolve("Work"));
  }

  @AfterEach
  void noValueWasPrinted() throws Exception {
    fixture.assertNoValueInOutput();
    if (Files.exists(log)) {
      String calls = Files.readString(log);
      for (String value : ImportFixture.VALUES) {
        assertFalse(calls.contains(value), "a value appeared in op's arguments");
      }
    }
  }

  private Keyrun keyrun() {
    return fixture
        .keyrun()
        .env("KEYRUN_OP_BIN", FAKE.toString())
        .env("FAKE_OP_DB", database.toString())
        .env("FAKE_OP_LOG", log.toString())
        .env("OP_SERVICE_ACCOUNT_TOKEN", TOKEN)
        .unset("KEYRUN_OP_TOKEN_REF")
        .unset("FAKE_OP_SIGNED_OUT")
        .unset("FAKE_OP_NO_ACCOUNTS");
  }

  private Keyrun.Result importApply(Keyrun keyrun) throws Exception {
    return fixture.record(
        keyrun.args("import", ".env", "--to", "op", "--vault", "Work", "--apply").run());
  }

  @Test
  void tokenReferenceSignsInOp() throws Exception {
    Path tokens =
        TestFiles.writePrivate(directory.resolve("tokens.env"), "OP_TOKEN=" + TOKEN + "\n");
    Keyrun keyrun =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("FAKE_OP_SIGNED_OUT", "1")
            .env("KEYRUN_OP_TOKEN_REF", "dotenv:" + tokens + "#OP_TOKEN");

    Keyrun.Result result = importApply(keyrun);

    assertEquals(0, result.status(), result.stderr());
    assertTrue(fixture.envText().contains("DB_PASSWORD=op://Work/DB_PASSWORD/credential\n"));
    assertTokenSetInEveryCall();
  }

  @Test
  void configTokenSignsInOp() throws Exception {
    Path tokens =
        TestFiles.writePrivate(directory.resolve("tokens.env"), "OP_TOKEN=" + TOKEN + "\n");
    Path config = Files.createDirectories(directory.resolve("config/keyrun"));
    TestFiles.writePrivate(
        config.resolve("config.toml"),
        "[op]\nservice-account-token = \"dotenv:" + tokens + "#OP_TOKEN\"\n");
    Keyrun keyrun = keyrun().unset("OP_SERVICE_ACCOUNT_TOKEN").env("FAKE_OP_SIGNED_OUT", "1");

    Keyrun.Result result = importApply(keyrun);

    assertEquals(0, result.status(), result.stderr());
    assertTrue(fixture.envText().contains("DB_PASSWORD=op://Work/DB_PASSWORD/credential\n"));
    assertTokenSetInEveryCall();
  }

  private void assertTokenSetInEveryCall() throws Exception {
    List<String> calls = Files.readAllLines(log);
    assertFalse(calls.isEmpty(), "op was not called");
    for (String call : calls) {
      assertTrue(call.contains("\"OP_SERVICE_ACCOUNT_TOKEN_SET\": true"), call);
      assertFalse(call.contains(TOKEN), "the token appeared in op's arguments");
    }
  }

  @Test
  void applyCreatesReadableItems() throws Exception {
    Keyrun.Result result = importApply(keyrun());

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        fixture.envText().contains("OPENAI_API_KEY=op://Work/OPENAI_API_KEY/credential\n"),
        fixture.envText());

    List<String> args = new ArrayList<>(List.of("--no-mask", "--env-file", ".env", "--"));
    args.add("printenv");
    args.addAll(ImportFixture.KEYS);
    Keyrun.Result child = keyrun().args(args.toArray(String[]::new)).run();
    assertEquals(String.join("\n", ImportFixture.VALUES) + "\n", child.stdout(), child.stderr());
  }

  @Test
  void valuesReachOpOnlyOnStdin() throws Exception {
    importApply(keyrun());

    List<String> calls = Files.readAllLines(log);
    long creates = calls.stream().filter(call -> call.contains("\"item\", \"create\"")).count();
    assertEquals(5, creates);
    assertTrue(
        calls.stream()
            .filter(call -> call.contains("\"create\""))
            .allMatch(
                call -> call.contains("\"--vault\", \"Work\", \"--format\", \"json\", \"-\"]")),
        String.join("\n", calls));
  }

  @Test
  void secondImportCreatesNoItem() throws Exception {
    importApply(keyrun());
    byte[] before = Files.readAllBytes(fixture.envFile);
    TestFiles.write(fixture.envFile, ImportFixture.ENV_FILE, "rw-r--r--");
    Files.delete(log);

    Keyrun.Result again = importApply(keyrun());

    assertEquals(0, again.status(), again.stderr());
    assertTrue(again.stdout().contains("(the store already holds this value)"), again.stdout());
    assertArrayEquals(before, Files.readAllBytes(fixture.envFile));
    assertFalse(Files.readString(log).contains("\"create\""));
  }

  @Test
  void signedOutOpChangesNothing() throws Exception {
    Keyrun keyrun = keyrun().unset("OP_SERVICE_ACCOUNT_TOKEN").env("FAKE_OP_SIGNED_OUT", "1");

    Keyrun.Result result = importApply(keyrun);

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("op is not signed in"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertFalse(Files.exists(fixture.backups()));
  }

  @Test
  void readOnlyVaultLeavesFileIntact() throws Exception {
    Keyrun.Result result = importApply(keyrun().env("FAKE_OP_READ_ONLY_VAULTS", "Work"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result.stderr().contains("storing it as op://Work/OPENAI_API_KEY/credential failed"),
        result.stderr());
    assertTrue(result.stderr().contains("stored so far: none"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
  }

  @Test
  void itemOfSameTitleWithoutFieldConflicts() throws Exception {
    Path item = Files.createDirectories(database.resolve("Work/DB_PASSWORD"));
    Files.writeString(item.resolve("password"), "user-own-8b0c");

    Keyrun.Result result = importApply(keyrun());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: 1Password vault Work: "), result.stderr());
    assertTrue(result.stderr().contains("item titled 'DB_PASSWORD'"), result.stderr());
    assertTrue(result.stderr().contains("--prefix"), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertFalse(Files.exists(fixture.backups()));
    assertFalse(Files.readString(log).contains("\"create\""));
  }

  @Test
  void vaultIsRequired() throws Exception {
    Keyrun.Result result =
        fixture.record(keyrun().args("import", ".env", "--to", "op", "--apply").run());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --to op: needs --vault VAULT"));
  }
}
