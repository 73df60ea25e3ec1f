package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code keyrun set} and {@code keyrun delete} on {@code keychain://} through the fake macOS {@code
 * security}, which writes values only through {@code security -i} on stdin.
 */
class KeychainSetTest {
  private static final String REFERENCE = "keychain://S/A";
  private static final Pattern LIMIT = Pattern.compile("at most (\\d+) bytes");

  @TempDir Path directory;

  private FakeSecurity fake;

  @BeforeEach
  void createFake() {
    fake = new FakeSecurity(directory);
  }

  private Keyrun keyrun() {
    return fake.configure(Keyrun.in(directory));
  }

  private Keyrun.Result set(Keyrun keyrun, String reference, String value) throws Exception {
    return keyrun.input(value).args("set", reference).run();
  }

  private Keyrun.Result read(String reference) throws Exception {
    return keyrun().args("read", "-n", reference).run();
  }

  private void assertLogFree(String value) throws Exception {
    List<String> arguments = fake.loggedArguments();
    assertFalse(arguments.isEmpty(), "the fake logged no run");
    assertFalse(arguments.stream().anyMatch(a -> a.contains(value)), fake.logText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "first line\nsecond: ü 😀\n\tend",
        "deadbeef",
        "  padded, \"quoted\" and back\\slashed  ",
        "-w looks like an option"
      })
  void setThenReadRoundTrips(String value) throws Exception {
    Keyrun.Result stored = set(keyrun(), REFERENCE, value);
    Keyrun.Result result = read(REFERENCE);

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals(0, stored.stdoutBytes().length);
    assertEquals(0, result.status(), result.stderr());
    assertEquals(value, result.stdout());
    assertLogFree(value);
  }

  @Test
  void rawKeepsTrailingNewline() throws Exception {
    String value = "raw line\nü😀\n";

    Keyrun.Result stored = keyrun().input(value).args("set", "--raw", REFERENCE).run();
    Keyrun.Result result = read(REFERENCE);

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals(value, result.stdout());
    assertLogFree(value);
  }

  @Test
  void setReplacesExistingValue() throws Exception {
    set(keyrun(), REFERENCE, "old-value-51c2");
    Keyrun.Result stored = set(keyrun(), REFERENCE, "new-value-7e0a");

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals("new-value-7e0a", read(REFERENCE).stdout());
    assertEquals(2, fake.itemFiles().size(), fake.itemFiles().toString());
  }

  @Test
  void keyringUsesKeychainWhenChosen() throws Exception {
    String value = "via keyring\nü";

    Keyrun.Result stored = set(keyrun().env("KEYRUN_KEYRING", "keychain"), "keyring://KR/a", value);
    Keyrun.Result result = read("keychain://KR/a");

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals(
        "keyrun: stored keyring://KR/a in the keyring (macOS Keychain)\n", stored.stderr());
    assertEquals(value, result.stdout());
    assertEquals("KR", fake.onlyItem().get("service").asText());
    assertLogFree(value);
  }

  @Test
  void allowAnyAppPassesFlag() throws Exception {
    Keyrun.Result stored =
        keyrun().input("any-app-value").args("set", "--allow-any-app", REFERENCE).run();
    JsonNode access = fake.onlyItem().get("access");

    assertEquals(0, stored.status(), stored.stderr());
    assertTrue(access.get("any_application").asBoolean(), access.toString());
    assertLogFree("any-app-value");
  }

  @Test
  void defaultAccessListIsUnset() throws Exception {
    Keyrun.Result stored = set(keyrun(), REFERENCE, "default-access-value");

    assertEquals(0, stored.status(), stored.stderr());
    assertTrue(fake.onlyItem().get("access").isNull(), fake.onlyItem().toString());
  }

  @Test
  void oversizedValueIsRejected() throws Exception {
    Keyrun.Result result = set(keyrun(), REFERENCE, "x".repeat(3000));

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: " + REFERENCE + ": macOS Keychain: the value is 3000"),
        result.stderr());
    assertTrue(LIMIT.matcher(result.stderr()).find(), result.stderr());
    assertEquals(List.of(), fake.itemFiles());
  }

  /**
   * Returns the largest value size keyrun accepts for {@link #REFERENCE}, as its message states.
   */
  private int largestAccepted() throws Exception {
    Keyrun.Result result = set(keyrun(), REFERENCE, "x".repeat(3000));
    Matcher limit = LIMIT.matcher(result.stderr());
    assertTrue(limit.find(), result.stderr());
    return Integer.parseInt(limit.group(1));
  }

  @Test
  void largestValueRoundTrips() throws Exception {
    String value = "y".repeat(largestAccepted());

    Keyrun.Result stored = set(keyrun(), REFERENCE, value);

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals(value, read(REFERENCE).stdout());
  }

  /**
   * {@code security -i} runs at most 4095 bytes of a line as one command. A 4096-byte line runs as
   * the command and then an empty line, whose status 0 becomes the exit status, so a failed write
   * would look like a stored one.
   */
  @Test
  void largestValueReportsLock() throws Exception {
    String value = "z".repeat(largestAccepted());

    Keyrun.Result stored = set(keyrun().env("FAKE_SECURITY_LOCKED", "1"), REFERENCE, value);

    assertEquals(125, stored.status(), stored.stderr());
    assertTrue(stored.stderr().contains("security unlock-keychain"), stored.stderr());
    assertEquals(List.of(), fake.itemFiles());
  }

  @Test
  void lockedSetStoresNothing() throws Exception {
    Keyrun.Result stored = set(keyrun().env("FAKE_SECURITY_LOCKED", "1"), REFERENCE, "locked-v");

    assertEquals(125, stored.status());
    assertTrue(stored.stderr().contains("security unlock-keychain"), stored.stderr());
    assertEquals(List.of(), fake.itemFiles());
  }

  @Test
  void deleteRemovesItem() throws Exception {
    set(keyrun(), REFERENCE, "to-be-deleted-3f9d");

    Keyrun.Result deleted = keyrun().args("delete", REFERENCE).run();
    Keyrun.Result result = read(REFERENCE);

    assertEquals(0, deleted.status(), deleted.stderr());
    assertEquals(0, deleted.stdoutBytes().length);
    assertEquals(List.of(), fake.itemFiles());
    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not found"), result.stderr());
  }

  @Test
  void deleteMissingIsNotFound() throws Exception {
    Keyrun.Result result = keyrun().args("delete", "keychain://S/absent").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: keychain://S/absent: not found in the macOS Keychain"),
        result.stderr());
  }
}
