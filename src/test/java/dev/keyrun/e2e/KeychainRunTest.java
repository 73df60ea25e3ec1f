package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that read {@code keychain://} references through the fake macOS {@code security}. */
class KeychainRunTest {
  private static final String CAFE = "keychain://S/A";
  private static final String HEX_LOOKING = "keychain://H/A";

  @TempDir Path directory;

  private FakeSecurity fake;
  private Path envFile;

  @BeforeEach
  void seedItems() throws Exception {
    fake = new FakeSecurity(directory);
    // 636166c3a9 is café in UTF-8, which `find-generic-password -w` prints as that hex.
    fake.seed("add-generic-password", "-s", "S", "-a", "A", "-X", "636166c3a9");
    fake.seed("add-generic-password", "-s", "H", "-a", "A", "-w", "deadbeef");
    envFile =
        TestFiles.write(
            directory.resolve("refs.env"), "K=" + CAFE + "\nH=" + HEX_LOOKING + "\n", "rw-r--r--");
  }

  @AfterEach
  void killLeftovers() {
    fake.killRunning();
  }

  private Path marker() {
    return directory.resolve("child-ran");
  }

  private Keyrun keyrun() {
    return fake.configure(Keyrun.in(directory));
  }

  private Keyrun.Result runPrinting(Keyrun keyrun, String key) throws Exception {
    return keyrun.args("--no-mask", "--env-file", envFile.toString(), "--", "printenv", key).run();
  }

  private Keyrun.Result runTouching(Keyrun keyrun) throws Exception {
    return keyrun.args("--env-file", envFile.toString(), "--", "touch", marker().toString()).run();
  }

  @Test
  void utf8ValueArrivesDecoded() throws Exception {
    Keyrun.Result result = runPrinting(keyrun(), "K");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("café\n", result.stdout());
  }

  @Test
  void hexLookingValueStaysText() throws Exception {
    Keyrun.Result result = runPrinting(keyrun(), "H");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("deadbeef\n", result.stdout());
  }

  @Test
  void signedHexOutputDecoded() throws Exception {
    Keyrun.Result result = runPrinting(keyrun().env("FAKE_SECURITY_SIGNED_HEX", "1"), "K");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("café\n", result.stdout());
  }

  @Test
  void readPrintsUtf8Value() throws Exception {
    Keyrun.Result result = keyrun().args("read", "-n", CAFE).run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("café", result.stdout());
  }

  @Test
  void keyringReadsKeychainWhenChosen() throws Exception {
    Path keyringFile =
        TestFiles.write(directory.resolve("keyring.env"), "K=keyring://S/A\n", "rw-r--r--");

    Keyrun.Result result =
        keyrun()
            .env("KEYRUN_KEYRING", "keychain")
            .args("--env-file", keyringFile.toString(), "--", "printenv", "K")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("café\n", result.stdout());
  }

  @Test
  void lockedKeychainHintsUnlock() throws Exception {
    Keyrun.Result result = runTouching(keyrun().env("FAKE_SECURITY_LOCKED", "1"));

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("locked"), result.stderr());
    assertTrue(result.stderr().contains("security unlock-keychain"), result.stderr());
    assertFalse(result.stderr().contains("not found"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void deniedAccessIsReported() throws Exception {
    Keyrun.Result result = runTouching(keyrun().env("FAKE_SECURITY_DENY", "1"));

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("the keychain denied access"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void cancelledPromptIsReported() throws Exception {
    Keyrun.Result result = runTouching(keyrun().env("FAKE_SECURITY_CANCEL", "1"));

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("the keychain prompt was cancelled"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void missingItemNamesReference() throws Exception {
    Keyrun.Result result = keyrun().args("read", "keychain://S/absent").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: keychain://S/absent: not found in the macOS Keychain"),
        result.stderr());
  }

  @Test
  void hungRunTimesOut() throws Exception {
    Keyrun hanging = keyrun().env("FAKE_SECURITY_HANG", "30").args("--timeout", "2");

    Keyrun.Result result = runTouching(hanging);

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("timed out"), result.stderr());
    assertTrue(result.stderr().contains("keyrun: K, H: "), result.stderr());
    assertFalse(Files.exists(marker()));
    assertEquals(List.of(), fake.runningAfterGrace(), "security left running");
  }

  @Test
  void hungReadTimesOut() throws Exception {
    Keyrun hanging = keyrun().env("FAKE_SECURITY_HANG", "30");

    Keyrun.Result result = hanging.args("read", "--timeout", "2", CAFE).run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: " + CAFE + ": "), result.stderr());
    assertTrue(result.stderr().contains("timed out"), result.stderr());
    assertEquals(List.of(), fake.runningAfterGrace(), "security left running");
  }

  @Test
  void hungSetTimesOut() throws Exception {
    Keyrun hanging = keyrun().env("FAKE_SECURITY_HANG", "30").input("new-value");

    Keyrun.Result result = hanging.args("set", "--timeout", "2", "keychain://S/B").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: keychain://S/B: "), result.stderr());
    assertTrue(result.stderr().contains("timed out"), result.stderr());
    assertEquals(List.of(), fake.runningAfterGrace(), "security left running");
  }

  @Test
  void argvLogHoldsNoValue() throws Exception {
    runPrinting(keyrun(), "K");
    runPrinting(keyrun().env("FAKE_SECURITY_SIGNED_HEX", "1"), "H");
    keyrun().args("read", CAFE).run();

    List<String> arguments = fake.loggedArguments();

    assertFalse(arguments.isEmpty(), fake.logText());
    for (String value : List.of("café", "636166c3a9", "deadbeef")) {
      assertFalse(arguments.stream().anyMatch(a -> a.contains(value)), value + ": " + arguments);
    }
  }
}
