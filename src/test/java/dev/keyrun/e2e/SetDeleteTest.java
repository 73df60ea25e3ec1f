package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input checks of {@code keyrun set} and {@code keyrun delete}, and writes to a dotenv store. */
class SetDeleteTest {
  private static final String WRITABLE =
      "it writes to dotenv:, keychain://, secret-service://, keyring://";

  @TempDir Path directory;

  private Path store() {
    return directory.resolve("new-dir-store.env");
  }

  private Keyrun keyrun() {
    return Keyrun.in(directory).env("KEYRUN_DOTENV_STORE", store().toString());
  }

  private Keyrun.Result set(String reference, String value) throws Exception {
    return keyrun().input(value).args("set", reference).run();
  }

  @Test
  void dotenvSetCreatesPrivateStore() throws Exception {
    Keyrun.Result stored = set("dotenv:API_KEY", "line one\nü 😀");
    Keyrun.Result read = keyrun().args("read", "-n", "dotenv:API_KEY").run();

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals(0, stored.stdoutBytes().length);
    assertEquals("keyrun: stored dotenv:API_KEY in the dotenv store\n", stored.stderr());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store())));
    assertEquals(0, read.status(), read.stderr());
    assertEquals("line one\nü 😀", read.stdout());
  }

  @Test
  void dotenvSetKeepsOtherKeys() throws Exception {
    TestFiles.writePrivate(store(), "OTHER=kept\n");

    Keyrun.Result stored = set("dotenv:API_KEY", "added");

    assertEquals(0, stored.status(), stored.stderr());
    assertEquals("kept", keyrun().args("read", "-n", "dotenv:OTHER").run().stdout());
    assertEquals("added", keyrun().args("read", "-n", "dotenv:API_KEY").run().stdout());
  }

  @Test
  void emptyStdinIsRejected() throws Exception {
    Keyrun.Result result = set("dotenv:API_KEY", "");

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains(": the value is empty, so nothing was stored"), result.stderr());
    assertFalse(Files.exists(store()));
  }

  @Test
  void loneNewlineIsEmpty() throws Exception {
    Keyrun.Result result = set("dotenv:API_KEY", "\n");

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains(": the value is empty, so nothing was stored"), result.stderr());
    assertFalse(Files.exists(store()));
  }

  @Test
  void nulByteIsRejected() throws Exception {
    Keyrun.Result result = set("dotenv:API_KEY", "before\0after");

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("contains a NUL byte"), result.stderr());
    assertFalse(Files.exists(store()));
  }

  @Test
  void overOneMebibyteIsRejected() throws Exception {
    Keyrun.Result result = set("dotenv:API_KEY", "a".repeat((1 << 20) + 1));

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("larger than 1 MiB"), result.stderr());
    assertFalse(Files.exists(store()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"env://X", "file://DIR/x"})
  void readOnlyStoreIsRejected(String template) throws Exception {
    String reference = template.replace("DIR", directory.toString());

    Keyrun.Result result = set(reference, "value");

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: " + reference + ": "), result.stderr());
    assertTrue(result.stderr().contains(WRITABLE), result.stderr());
    assertTrue(
        result
            .stderr()
            .endsWith(
                "keyrun: hint: store the value in one of those with keyrun set, and put its"
                    + " reference in your env file\n"),
        result.stderr());
    assertFalse(Files.exists(directory.resolve("x")));
  }

  @Test
  void readOnlyDeleteIsRejected() throws Exception {
    Keyrun.Result result = keyrun().args("delete", "env://HOME").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains(WRITABLE), result.stderr());
  }

  @Test
  void argumentIsNotAReference() throws Exception {
    Keyrun.Result result = keyrun().input("value").args("set", "plain-text").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not a keyrun reference"), result.stderr());
  }

  @Test
  void dotenvDeleteMissingIsNotFound() throws Exception {
    TestFiles.writePrivate(store(), "OTHER=kept\n");

    Keyrun.Result result = keyrun().args("delete", "dotenv:ABSENT").run();

    assertEquals(125, result.status());
    assertEquals(
        "keyrun: dotenv:ABSENT: not found in the dotenv store, so nothing was deleted\n",
        result.stderr());
  }

  @Test
  void dotenvDeleteRemovesKey() throws Exception {
    TestFiles.writePrivate(store(), "OTHER=kept\nAPI_KEY=gone\n");

    Keyrun.Result result = keyrun().args("delete", "dotenv:API_KEY").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(0, result.stdoutBytes().length);
    assertEquals(125, keyrun().args("read", "dotenv:API_KEY").run().status());
    assertEquals("kept", keyrun().args("read", "-n", "dotenv:OTHER").run().stdout());
  }

  @Test
  void emptyStdinStoresNothingInKeyring() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    String service = "keyrun-e2e-empty-" + UUID.randomUUID();
    Keyrun keyrun = keyrun().unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);

    Keyrun.Result result = keyrun.input("").args("set", "keyring://" + service + "/a").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains(": the value is empty, so nothing was stored"), result.stderr());
    assertTrue(keyring.lookup(service, "a").isEmpty());
  }

  @Test
  void allowAnyAppRejectedForSecretService() throws Exception {
    // Without a bus to reach, a regression cannot write to the Secret Service of the caller.
    Keyrun.Result result =
        keyrun()
            .unset("DBUS_SESSION_BUS_ADDRESS")
            .unset("DISPLAY")
            .env("XDG_RUNTIME_DIR", directory.toString())
            .input("value")
            .args("set", "--allow-any-app", "secret-service://keyrun-e2e/never")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("--allow-any-app applies only"), result.stderr());
  }
}
