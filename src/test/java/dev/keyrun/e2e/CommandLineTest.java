package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyrun read, --help and --version, as shell wrappers and users call them. */
class CommandLineTest {
  @TempDir Path directory;

  @Test
  void readPrintsValueAndNewline() throws Exception {
    Path secret = TestFiles.writePrivate(directory.resolve("secret"), "line1\nline2");

    Keyrun.Result result = Keyrun.in(directory).args("read", "file://" + secret).run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("line1\nline2\n", result.stdout());
  }

  @Test
  void readWithNOmitsNewline() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "TOKEN=abc\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .args("read", "-n", "dotenv:TOKEN")
            .run();

    assertEquals("abc", result.stdout());
  }

  @Test
  void readTakesOptionAfterReference() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "TOKEN=abc\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .args("read", "dotenv:TOKEN", "-n")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("abc", result.stdout());
  }

  @Test
  void readOfMissingKeyFails() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "TOKEN=abc\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .args("read", "dotenv:ABSENT")
            .run();

    assertEquals(125, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith("keyrun: dotenv:ABSENT: not found in the dotenv store " + store + "\n"),
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void helpGoesToStdout() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--help").run();

    assertEquals(0, result.status());
    assertTrue(result.stdout().startsWith("Usage: keyrun"), result.stdout());
    assertTrue(result.stdout().contains("--env-file"), result.stdout());
  }

  @Test
  void versionNamesKeyrun() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--version").run();

    assertEquals(0, result.status());
    assertTrue(result.stdout().startsWith("keyrun "), result.stdout());
  }

  @Test
  void runSubcommandMatchesDefault() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("run", "--", "sh", "-c", "exit 3").run();

    assertEquals(3, result.status());
  }

  @Test
  void missingCommandIsUsageError() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: COMMAND: missing\n"), result.stderr());
  }

  @Test
  void optionsAfterCommandBelongToIt() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "A=1\n");

    Keyrun.Result result = Keyrun.in(directory).args("sh", "-c", "echo $0", "--verbose").run();

    assertEquals("--verbose\n", result.stdout());
    assertEquals("", result.stderr());
  }

  @Test
  void usageErrorsNeverEchoArguments() throws Exception {
    String pasted = "sk-live-4f1c9a";
    String[][] attempts = {
      {"read", "-" + pasted}, {"read", "dotenv:X", pasted}, {"read", pasted + ":x"}, {"--" + pasted}
    };

    for (String[] attempt : attempts) {
      Keyrun.Result result = Keyrun.in(directory).args(attempt).run();

      assertEquals(125, result.status(), String.join(" ", attempt));
      assertFalse(result.stderr().contains(pasted), result.stderr());
    }
  }

  @Test
  void optionBeforeSubcommandIsRejected() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--timeout", "2", "read", "env://HOME").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: --timeout: given before 'read'"), result.stderr());
  }

  @Test
  void missingReferenceIsUsageError() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("read").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: REFERENCE: missing\n"), result.stderr());
  }

  @Test
  void missingDotEnvIsNoticed() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--", "true").run();

    assertEquals(0, result.status());
    assertTrue(result.stderr().startsWith("keyrun: notice: no .env in "), result.stderr());
  }

  @Test
  void misspeltSchemeIsNoticed() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "TOKEN=dotnev:TOKEN\n");

    Keyrun.Result result = Keyrun.in(directory).args("--", "true").run();

    assertEquals(
        "keyrun: notice: TOKEN (.env:1) is a plain value that looks like a misspelt dotenv:"
            + " reference\n",
        result.stderr());
  }

  @Test
  void atFileArgumentsReachCommandUnchanged() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "A=1\n");
    TestFiles.writePrivate(directory.resolve("body.json"), "hello world\n");

    Keyrun.Result result = Keyrun.in(directory).args("--", "printf", "[%s]", "@body.json").run();

    assertEquals("[@body.json]", result.stdout());
  }

  @Test
  void readFailsWhenStdoutFails() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "TOKEN=abc\n");
    String launcher = String.join(" ", Keyrun.in(directory).commandLine());

    Keyrun.Result result =
        new ShellRun(directory)
            .run("KEYRUN_DOTENV_STORE=" + store + " " + launcher + " read dotenv:TOKEN >/dev/full");

    assertEquals(125, result.status(), result.stderr());
  }

  @Test
  void runOptionBeforeReadIsNamed() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("--no-exec", "read", "env://HOME").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().endsWith("keyrun: hint: remove it: keyrun read has no --no-exec option\n"),
        result.stderr());
  }
}
