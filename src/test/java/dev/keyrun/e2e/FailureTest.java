package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What keyrun does when it cannot resolve everything: status 125, a clear line, no child. */
class FailureTest {
  private static final String SECRET = "hunter2-never-print-me";

  @TempDir Path directory;

  private Path marker() {
    return directory.resolve("child-ran");
  }

  private Keyrun.Result runWith(String envFileContent, String mode) throws Exception {
    Path file = TestFiles.write(directory.resolve("app.env"), envFileContent, mode);
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "PRESENT=" + SECRET + "\n");
    return Keyrun.in(directory)
        .env("KEYRUN_DOTENV_STORE", store.toString())
        .args("--env-file", file.toString(), "--", "touch", marker().toString())
        .run();
  }

  @Test
  void missingDotenvKeyFailsBeforeStart() throws Exception {
    Keyrun.Result result = runWith("OK=dotenv:PRESENT\nAPI_KEY=dotenv:ABSENT\n", "rw-r--r--");

    assertEquals(125, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: API_KEY: dotenv:ABSENT not found in the dotenv store "
                    + directory.resolve("store.env")
                    + "\n"),
        result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void missingFileReferenceFailsBeforeStart() throws Exception {
    Path absent = directory.resolve("absent");
    Keyrun.Result result = runWith("DB=file://" + absent + "\n", "rw-r--r--");

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: DB: file://" + absent + " not found: no such file\n"),
        result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void missingStoreToolFailsBeforeStart() throws Exception {
    Path file =
        TestFiles.write(
            directory.resolve("app.env"), "TOKEN=op://Private/Tavily/credential\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_OP_BIN", directory.resolve("no-such-op").toString())
            .args("--env-file", file.toString(), "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith("keyrun: TOKEN: op://Private/Tavily/credential: 1Password: cannot run"),
        result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void everyFailingKeyIsReported() throws Exception {
    Keyrun.Result result =
        runWith("A=dotenv:ABSENT_A\nB=dotenv:PRESENT\nC=dotenv:ABSENT_C\n", "rw-r--r--");

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("keyrun: A: dotenv:ABSENT_A"), result.stderr());
    assertTrue(result.stderr().contains("keyrun: C: dotenv:ABSENT_C"), result.stderr());
    assertFalse(result.stderr().contains("keyrun: B:"), result.stderr());
  }

  @Test
  void unknownSchemeInReadIsRejected() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("read", "vault://kv/app").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: reference: not a keyrun reference (no known scheme)\n"),
        result.stderr());
  }

  @Test
  void unknownSchemeInEnvFileIsPlainValue() throws Exception {
    Path file = TestFiles.writePrivate(directory.resolve("app.env"), "URL=https://example.com/x\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--no-mask", "--env-file", file.toString(), "--", "printenv", "URL")
            .run();

    assertEquals("https://example.com/x\n", result.stdout());
  }

  @Test
  void syntaxErrorNamesFileAndLine() throws Exception {
    Keyrun.Result result = runWith("GOOD=1\nAPI_KEY=\"" + SECRET + "\"junk\n", "rw-------");

    assertEquals(125, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: "
                    + directory.resolve("app.env")
                    + ":2: unexpected characters after closing quote\n"),
        result.stderr());
    assertFalse(result.stderr().contains(SECRET));
    assertFalse(Files.exists(marker()));
  }

  @Test
  void missingEnvFileIsReported() throws Exception {
    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", "nope.env", "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: nope.env: no such file\n"), result.stderr());
  }

  @Test
  void commandNotFoundGives127() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--", "no-such-command-here").run();

    assertEquals(127, result.status());
    assertTrue(
        result.stderr().contains("keyrun: no-such-command-here: command not found\n"),
        result.stderr());
  }

  @Test
  void nonExecutableCommandGives126() throws Exception {
    Path script = TestFiles.write(directory.resolve("script.sh"), "#!/bin/sh\n", "rw-r--r--");

    Keyrun.Result result = Keyrun.in(directory).args("--", script.toString()).run();

    assertEquals(126, result.status());
    assertTrue(result.stderr().contains("permission denied"), result.stderr());
  }

  @Test
  void hungStoreTimesOut() throws Exception {
    Path fifo = directory.resolve("fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    Path file = TestFiles.writePrivate(directory.resolve("app.env"), "SLOW=file://" + fifo + "\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args(
                "--timeout", "1", "--env-file", file.toString(), "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("timed out after 1 s"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void unknownOptionGives125() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--frobnicate", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: --frobnicate: unknown option\n"), result.stderr());
  }

  @Test
  void nulByteInPlainValueFails() throws Exception {
    Path file = TestFiles.write(directory.resolve("app.env"), "X=a\0b\n", "rw-------");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", file.toString(), "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("contains a NUL byte"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void missingInterpreterGives127() throws Exception {
    Path script =
        TestFiles.write(directory.resolve("bad.sh"), "#!/nonexistent/interp\n", "rwx------");

    Keyrun.Result result = Keyrun.in(directory).args("--", script.toString()).run();

    assertEquals(127, result.status());
    assertTrue(
        result.stderr().contains("its #! interpreter /nonexistent/interp does not exist"),
        result.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void scriptWithoutShebangRunsInSh(String mode) throws Exception {
    Path script = TestFiles.write(directory.resolve("plain.sh"), "echo ran \"$1\"\n", "rwx------");
    Keyrun keyrun = Keyrun.in(directory);
    if ("supervise".equals(mode)) {
      keyrun.args("--no-exec");
    }

    Keyrun.Result result = keyrun.args("--", script.toString(), "arg").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().endsWith("ran arg\n"), result.stdout());
  }

  @Test
  void endlessFileIsRejected() throws Exception {
    Path file = TestFiles.writePrivate(directory.resolve("app.env"), "Z=file:///dev/zero\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", file.toString(), "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("larger than 1 MiB"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void brokenStoreIsReportedOnce() throws Exception {
    Path store = TestFiles.write(directory.resolve("shared.env"), "A=1\nB=2\n", "rw-r--r--");
    Path file =
        TestFiles.write(
            directory.resolve("app.env"),
            "A=dotenv:" + store + "#A\nB=dotenv:" + store + "#B\n",
            "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", file.toString(), "--", "touch", marker().toString())
            .run();

    assertEquals(125, result.status());
    assertEquals(
        "keyrun: A, B: dotenv store: "
            + store
            + " is accessible to group or others (mode 0644)\n"
            + "keyrun: hint: chmod 600 "
            + store
            + "\n",
        result.stderr());
  }

  @Test
  void invalidKeyTextIsNotShown() throws Exception {
    Keyrun.Result result = runWith("GOOD=1\nq+Z/8sk3y" + SECRET + "==\n", "rw-------");

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains(":2: invalid key"), result.stderr());
    assertFalse(result.stderr().contains(SECRET), result.stderr());
  }
}
