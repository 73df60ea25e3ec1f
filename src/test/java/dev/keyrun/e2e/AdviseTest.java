package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun advise} run as a real process, with stdin not a terminal. */
class AdviseTest {
  private static final String VALUE = "sk-advise-value-314159";

  @TempDir Path directory;

  @BeforeEach
  void writeSecrets() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "API_KEY=" + VALUE + "\n");
    TestFiles.writePrivate(directory.resolve("store.env"), "API_KEY=" + VALUE + "\n");
  }

  private Keyrun keyrun(String... arguments) {
    return Keyrun.in(directory)
        .env("HOME", directory.toString())
        .env("KEYRUN_DOTENV_STORE", directory.resolve("store.env").toString())
        .args(arguments);
  }

  @Test
  void internetFacingRecommendsSystemdCredentials() throws Exception {
    Keyrun.Result result = keyrun("advise", "--internet-facing").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("recommendation: server"), result.stdout());
    assertTrue(result.stdout().contains("systemd credentials"), result.stdout());
    assertTrue(result.stdout().contains("keyrun systemd encrypt NAME"), result.stdout());
    assertTrue(result.stdout().contains("\"systemd-creds://NAME\""), result.stdout());
    assertTrue(
        result.stdout().contains("keyrun systemd unit --name APP --profile server -- CMD"),
        result.stdout());
    assertTrue(result.stdout().contains("not environment variables"), result.stdout());
    assertNoValue(result);
  }

  @Test
  void withoutTerminalInfersAndDoesNotPrompt() throws Exception {
    Keyrun keyrun = keyrun("advise");
    Process process = keyrun.start();
    CompletableFuture<byte[]> stdout = Keyrun.drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = Keyrun.drain(process.getErrorStream());

    // stdin stays open and empty: a prompt would wait for input here until the guard below.
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    process.getOutputStream().close();

    assertTrue(finished, "keyrun advise waited for input on a stdin that is not a terminal");
    String output = new String(stdout.get(), StandardCharsets.UTF_8);
    String errors = new String(stderr.get(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), errors);
    assertFalse(errors.contains("[y/N]"), errors);
    assertFalse(errors.contains("[Y/n]"), errors);
    assertTrue(output.contains("(assumed "), output);
    assertTrue(output.contains(" because "), output);
    assertTrue(output.contains("steps:"), output);
    assertNoValue(new Keyrun.Result(0, stdout.get(), errors));
  }

  @Test
  void flagsAnswerEveryQuestion() throws Exception {
    Keyrun.Result result =
        keyrun("advise", "--single-user", "--one-machine", "--not-internet-facing").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("recommendation: laptop"), result.stdout());
    assertFalse(result.stdout().contains("(assumed "), result.stdout());
    assertNoValue(result);
  }

  @Test
  void manyMachinesRecommendsOnePassword() throws Exception {
    Keyrun.Result result =
        keyrun("advise", "--many-machines", "--not-internet-facing", "--shared-machine").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("recommendation: many-machines"), result.stdout());
    assertTrue(
        result.stdout().contains("keyrun import .env --to op --vault VAULT --apply"),
        result.stdout());
  }

  @Test
  void jsonFormatIsOneObject() throws Exception {
    Keyrun.Result result = keyrun("advise", "--internet-facing", "--format", "json").run();

    assertEquals(0, result.status(), result.stderr());
    String json = result.stdout().strip();
    assertTrue(json.startsWith("{\"answers\":{"), json);
    assertTrue(json.endsWith("}"), json);
    assertTrue(json.contains("\"setup\":\"server\""), json);
    assertTrue(json.contains("\"internet_facing\":{\"value\":true,\"source\":\"flag\""), json);
    assertFalse(json.contains("\n"), json);
  }

  @Test
  void conflictingFlagsExitTwo() throws Exception {
    Keyrun.Result result = keyrun("advise", "--internet-facing", "--not-internet-facing").run();

    assertEquals(2, result.status());
    assertTrue(
        result
            .stderr()
            .contains("keyrun: --internet-facing and --not-internet-facing: given together"),
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void unknownOptionAndFormatExitTwo() throws Exception {
    Keyrun.Result unknown = keyrun("advise", "--laptop").run();
    Keyrun.Result format = keyrun("advise", "--format", "yaml").run();

    assertEquals(2, unknown.status(), unknown.stderr());
    assertTrue(unknown.stderr().contains("--laptop"), unknown.stderr());
    assertEquals(2, format.status(), format.stderr());
    assertTrue(format.stderr().contains("\"yaml\" is not a format"), format.stderr());
  }

  @Test
  void formatIgnoresCase() throws Exception {
    Keyrun.Result result = keyrun("advise", "--format", "JSON", "--internet-facing").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().startsWith("{"), result.stdout());
  }

  private static void assertNoValue(Keyrun.Result result) {
    assertFalse(result.stdout().contains(VALUE), result.stdout());
    assertFalse(result.stderr().contains(VALUE), result.stderr());
  }
}
