package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the Secret Service that keyrun reports as such, not as a missing item: no session
 * bus, a locked collection and no default collection. Each one exits 125 before the command starts.
 */
class KeyringFailureTest {
  private static final String LOGIN = "/org/freedesktop/secrets/collection/login";

  @TempDir Path directory;

  private Path marker() {
    return directory.resolve("child-ran");
  }

  private Path envFile() throws Exception {
    return TestFiles.write(
        directory.resolve("refs.env"), "API_KEY=keyring://keyrun-e2e/absent\n", "rw-r--r--");
  }

  private Keyrun.Result runTouching(Keyrun keyrun) throws Exception {
    return keyrun
        .args("--env-file", envFile().toString(), "--", "touch", marker().toString())
        .run();
  }

  private Keyrun keyrunOn(TestKeyring keyring) {
    Keyrun keyrun = Keyrun.in(directory).unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);
    return keyrun;
  }

  /** Returns keyrun without a session bus: no address, no display, an empty runtime directory. */
  private Keyrun headless() throws Exception {
    Path runtime = Files.createDirectory(directory.resolve("runtime"));
    return Keyrun.in(directory)
        .unset("DBUS_SESSION_BUS_ADDRESS")
        .unset("DISPLAY")
        .unset("WAYLAND_DISPLAY")
        .unset("KEYRUN_KEYRING")
        .env("XDG_RUNTIME_DIR", runtime.toString());
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  @Test
  void headlessRunFailsBeforeStart() throws Exception {
    long started = System.nanoTime();
    Keyrun.Result result = runTouching(headless());
    System.out.printf(
        "headless run failed after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

    String first = firstLine(result.stderr());
    assertEquals(125, result.status(), result.stderr());
    assertTrue(first.startsWith("keyrun: API_KEY: keyring://keyrun-e2e/absent: "), first);
    assertTrue(first.contains("no D-Bus session bus found"), first);
    assertTrue(first.contains("dotenv:"), first);
    assertFalse(Files.exists(marker()));
  }

  @Test
  void headlessReadNamesHeadlessStores() throws Exception {
    Keyrun.Result result = headless().args("read", "secret-service://keyrun-e2e/absent").run();

    String first = firstLine(result.stderr());
    assertEquals(125, result.status(), result.stderr());
    assertTrue(first.contains("no D-Bus session bus found"), first);
    assertTrue(first.contains("dotenv:"), first);
  }

  @Test
  void lockedCollectionIsReported() throws Exception {
    try (TestKeyring keyring = TestKeyring.startPrivate()) {
      keyring.store("keyrun-e2e-locked", "a", "locked-value".getBytes(UTF_8));
      keyring.lock();

      Keyrun.Result read =
          keyrunOn(keyring).args("read", "secret-service://keyrun-e2e-locked/a").run();
      Keyrun.Result run = runTouching(keyrunOn(keyring));
      Keyrun.Result set =
          keyrunOn(keyring).input("v").args("set", "secret-service://keyrun-e2e-locked/b").run();

      assertEquals(125, read.status(), read.stderr());
      assertTrue(read.stderr().contains("locked"), read.stderr());
      assertFalse(read.stderr().contains("not found"), read.stderr());
      assertEquals(125, run.status(), run.stderr());
      assertTrue(run.stderr().contains("locked"), run.stderr());
      assertFalse(run.stderr().contains("not found"), run.stderr());
      assertFalse(Files.exists(marker()));
      assertEquals(125, set.status(), set.stderr());
      assertTrue(set.stderr().contains("locked"), set.stderr());
    }
  }

  @Test
  void missingCollectionIsReported() throws Exception {
    try (TestKeyring keyring = TestKeyring.startPrivate()) {
      deleteLoginCollection(keyring);

      Keyrun.Result read = keyrunOn(keyring).args("read", "secret-service://keyrun-e2e/a").run();
      Keyrun.Result run = runTouching(keyrunOn(keyring));

      assertEquals(125, read.status(), read.stderr());
      assertTrue(read.stderr().contains("no default keyring collection"), read.stderr());
      assertFalse(read.stderr().contains("not found"), read.stderr());
      assertEquals(125, run.status(), run.stderr());
      assertTrue(run.stderr().contains("no default keyring collection"), run.stderr());
      assertFalse(Files.exists(marker()));
    }
  }

  /**
   * Deletes the login collection of a private keyring through the Secret Service's
   * Collection.Delete method, which gnome-keyring 42.1 completes without a prompt.
   */
  private static void deleteLoginCollection(TestKeyring keyring) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--reply-timeout=10000",
                    "--dest=org.freedesktop.secrets",
                    LOGIN,
                    "org.freedesktop.Secret.Collection.Delete"))
            .redirectErrorStream(true);
    builder.environment().putAll(keyring.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("dbus-send failed to delete " + LOGIN + ": " + output);
    }
    // The reply's object path is "/" when no prompt is needed, as for a headless daemon.
    if (!output.contains("object path \"/\"")) {
      throw new AssertionError("deleting " + LOGIN + " needs a prompt: " + output);
    }
  }
}
