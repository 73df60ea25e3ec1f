package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op://} references through the fake 1Password CLI: one op process per run. */
class OpRunTest {
  private static final Path FAKE = Path.of("src/test/fakes/op").toAbsolutePath();
  private static final String TOKEN = "ops_test-service-account-token-5b1e";

  @TempDir Path directory;

  private Path database;
  private Path log;

  @BeforeEach
  void seed() throws Exception {
    database = directory.resolve("op-db");
    log = directory.resolve("op.log");
    for (int i = 0; i < 10; i++) {
      put("Private", "item" + i, "credential", "value " + i + "\nline two ü 🔑 " + i);
    }
  }

  private void put(String vault, String item, String field, String value) throws Exception {
    Path file = database.resolve(vault).resolve(item).resolve(field);
    Files.createDirectories(file.getParent());
    Files.writeString(file, value);
  }

  private Keyrun keyrun() {
    return Keyrun.in(directory)
        .env("KEYRUN_OP_BIN", FAKE.toString())
        .env("FAKE_OP_DB", database.toString())
        .env("FAKE_OP_LOG", log.toString())
        .env("OP_SERVICE_ACCOUNT_TOKEN", TOKEN)
        .unset("KEYRUN_OP_TOKEN_REF")
        .unset("FAKE_OP_SIGNED_OUT")
        .unset("FAKE_OP_NO_ACCOUNTS");
  }

  private Path envFile(String content) throws Exception {
    return TestFiles.write(directory.resolve("app.env"), content, "rw-r--r--");
  }

  private List<String> calls() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void tenReferencesOneProcess() throws Exception {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      content.append("K").append(i).append("=op://Private/item").append(i).append("/credential\n");
    }

    Keyrun.Result result =
        keyrun()
            .args("--env-file", envFile(content.toString()).toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    for (int i = 0; i < 10; i++) {
      assertEquals("value " + i + "\nline two ü 🔑 " + i, child.get("K" + i));
    }
    assertEquals(1, calls().size(), String.join("\n", calls()));
    assertFalse(String.join("\n", calls()).contains(TOKEN));
    assertFalse(String.join("\n", calls()).contains("value 3"));
  }

  @Test
  void tokenFromAnotherStore() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "OP_TOKEN=" + TOKEN + "\n");

    Keyrun.Result result =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("KEYRUN_OP_TOKEN_REF", "dotenv:OP_TOKEN")
            .env("FAKE_OP_SIGNED_OUT", "1")
            .args("read", "-n", "op://Private/item1/credential")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("value 1\nline two ü 🔑 1", result.stdout());
    assertTrue(calls().get(0).contains("\"OP_SERVICE_ACCOUNT_TOKEN_SET\": true"), calls().get(0));
    assertFalse(calls().get(0).contains(TOKEN));
  }

  @Test
  void accountPassesThrough() throws Exception {
    Keyrun.Result result =
        keyrun()
            .env("OP_ACCOUNT", "team.1password.com")
            .args("read", "op://Private/item2/credential")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(calls().get(0).contains("team.1password.com"), calls().get(0));
  }

  @Test
  void missingItemNamesIt() throws Exception {
    Keyrun.Result result = keyrun().args("read", "op://Private/nope/credential").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not found in 1Password"), result.stderr());
    assertTrue(result.stderr().contains("\"nope\" isn't an item"), result.stderr());
  }

  @Test
  void signedOutGetsSignInHint() throws Exception {
    Keyrun.Result result =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("FAKE_OP_SIGNED_OUT", "1")
            .args("read", "op://Private/item1/credential")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not signed in"), result.stderr());
    assertTrue(result.stderr().contains("KEYRUN_OP_TOKEN_REF"), result.stderr());
  }

  @Test
  void opNeverWaitsOnKeyrunStdin() throws Exception {
    Path envFile = envFile("K=op://Private/item1/credential\n");
    Process process =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("FAKE_OP_NO_ACCOUNTS", "1")
            .args("--env-file", envFile.toString(), "--", "true")
            .start();

    boolean ended = process.waitFor(30, TimeUnit.SECONDS);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    process.getOutputStream().close();

    assertTrue(ended, "keyrun waited although its stdin stayed open");
    assertEquals(125, process.exitValue());
    assertTrue(stderr.contains("no 1Password account configured"), stderr);
  }

  @Test
  void hangingApprovalTimesOut() throws Exception {
    Keyrun.Result result =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("FAKE_OP_BIOMETRIC_DELAY", "30")
            .args("read", "--timeout", "2", "op://Private/item1/credential")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("timed out"), result.stderr());
    assertTrue(result.stderr().contains("op://Private/item1/credential"), result.stderr());
  }

  @Test
  void tenReferencesThreeItems() throws Exception {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      String item = "shared" + (i % 3);
      put("Work", item, "field" + i, "multi\nline " + i + "\n");
      content.append("F").append(i).append("=op://Work/").append(item).append("/field").append(i);
      content.append('\n');
    }

    Keyrun.Result result =
        keyrun()
            .args("--env-file", envFile(content.toString()).toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    for (int i = 0; i < 10; i++) {
      assertEquals("multi\nline " + i + "\n", child.get("F" + i));
    }
    assertEquals(1, calls().size(), String.join("\n", calls()));
  }

  @Test
  void hungOpIsKilledBeforeAnyChild() throws Exception {
    Path marker = directory.resolve("child-ran");
    Path envFile = envFile("K=op://Private/item1/credential\n");

    Keyrun.Result result =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("FAKE_OP_BIOMETRIC_DELAY", "60")
            .args("--timeout", "2", "--env-file", envFile.toString(), "--", "touch")
            .args(marker.toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("K: op://Private/item1/credential"), result.stderr());
    assertTrue(result.stderr().contains("timed out"), result.stderr());
    assertFalse(Files.exists(marker));
    assertTrue(runningFakes().isEmpty(), String.join("\n", runningFakes()));
  }

  @Test
  void childStillGetsKeyrunStdin() throws Exception {
    Path envFile = envFile("K=op://Private/item1/credential\n");

    Keyrun.Result result =
        keyrun()
            .input("first line for the child\nsecond\n")
            .args("--env-file", envFile.toString(), "--", "head", "-n", "1")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("first line for the child\n", result.stdout());
  }

  @Test
  void tokenNeverInOutput() throws Exception {
    Keyrun.Result result =
        keyrun()
            .env("FAKE_OP_REVOKED", TOKEN)
            .args("--debug", "read", "op://Private/item1/credential")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("(401)"), result.stderr());
    assertFalse(result.stderr().contains(TOKEN), result.stderr());
    assertFalse(String.join("\n", calls()).contains(TOKEN));
  }

  @Test
  void tokenReferenceNotResolvedForChild() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "OP_TOKEN=" + TOKEN + "\n");

    Keyrun.Result result =
        keyrun()
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("KEYRUN_OP_TOKEN_REF", "dotenv:OP_TOKEN")
            .args("--env-file", envFile("K=op://Private/item1/credential\n").toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    assertEquals("dotenv:OP_TOKEN", child.get("KEYRUN_OP_TOKEN_REF"));
    assertFalse(new String(result.stdoutBytes(), StandardCharsets.UTF_8).contains(TOKEN));
  }

  @Test
  void emptyTokenCountsAsUnset() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "OP_TOKEN=" + TOKEN + "\n");

    Keyrun.Result result =
        keyrun()
            .env("OP_SERVICE_ACCOUNT_TOKEN", "")
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("KEYRUN_OP_TOKEN_REF", "dotenv:OP_TOKEN")
            .env("FAKE_OP_SIGNED_OUT", "1")
            .args("read", "-n", "op://Private/item1/credential")
            .run();

    assertEquals(0, result.status(), result.stderr());
  }

  @Test
  void braceInReferenceIsRejected() throws Exception {
    Keyrun.Result result = keyrun().args("read", "op://Private/item1/c}").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not a 1Password secret reference"), result.stderr());
    assertTrue(calls().isEmpty(), String.join("\n", calls()));
  }

  /** Returns the command lines of fake op processes of this test that are still running. */
  private List<String> runningFakes() throws Exception {
    List<String> running = new java.util.ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            process -> {
              String line = process.info().commandLine().orElse("");
              if (line.contains(FAKE.toString()) && process.isAlive()) {
                running.add(line);
              }
            });
    return running;
  }
}
