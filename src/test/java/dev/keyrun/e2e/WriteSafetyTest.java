package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that must leave other entries alone: references without an account, items of other
 * applications that share attributes, and several {@code keyrun set} processes on one store file.
 */
class WriteSafetyTest {
  @TempDir Path directory;

  private final String service = "keyrun-safety-" + UUID.randomUUID();

  private Keyrun keyrun(TestKeyring keyring) {
    Keyrun keyrun = Keyrun.in(directory);
    keyring.environment().forEach(keyrun::env);
    return keyrun.unset("KEYRUN_KEYRING");
  }

  @Test
  void setWithoutAccountIsRejected() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    keyring.store(service, "alice", bytes("alice-value"));
    try {
      Keyrun.Result result =
          keyrun(keyring).input("new-value").args("set", "keyring://" + service).run();

      assertEquals(125, result.status());
      assertTrue(result.stderr().contains("names no account"), result.stderr());
      assertTrue(result.stderr().contains("keyring://" + service + "/default"), result.stderr());
      assertEquals("alice-value", text(keyring.lookup(service, "alice")));
    } finally {
      keyring.clear(service, "alice");
    }
  }

  @Test
  void deleteWithoutAccountIsRejected() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    keyring.store(service, "alice", bytes("alice-value"));
    keyring.store(service, "bob", bytes("bob-value"));
    try {
      Keyrun.Result result = keyrun(keyring).args("delete", "secret-service://" + service).run();

      assertEquals(125, result.status());
      assertTrue(result.stderr().contains("names no account"), result.stderr());
      assertEquals("alice-value", text(keyring.lookup(service, "alice")));
      assertEquals("bob-value", text(keyring.lookup(service, "bob")));
    } finally {
      keyring.clear(service, "alice");
      keyring.clear(service, "bob");
    }
  }

  @Test
  void keychainSetWithoutAccountIsRejected() throws Exception {
    FakeSecurity security = new FakeSecurity(directory);
    Keyrun keyrun = security.configure(Keyrun.in(directory));

    Keyrun.Result result = keyrun.input("value").args("set", "keychain://" + service).run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("names no account"), result.stderr());
    assertEquals(List.of(), security.itemFiles());
  }

  @Test
  void setLeavesItemWithExtraAttribute() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    secretTool(
        keyring,
        "other-app",
        "store",
        "--label=other",
        "service",
        service,
        "account",
        "a",
        "application",
        "editor");
    try {
      Keyrun.Result stored =
          keyrun(keyring)
              .input("keyrun-value")
              .args("set", "secret-service://" + service + "/a")
              .run();
      Keyrun.Result read =
          keyrun(keyring).args("read", "-n", "secret-service://" + service + "/a").run();
      Keyrun.Result deleted =
          keyrun(keyring).args("delete", "secret-service://" + service + "/a").run();

      Keyrun.Result deletedAgain =
          keyrun(keyring).args("delete", "secret-service://" + service + "/a").run();

      assertEquals(0, stored.status(), stored.stderr());
      assertEquals("keyrun-value", read.stdout());
      assertEquals(0, deleted.status(), deleted.stderr());
      assertEquals(125, deletedAgain.status());
      assertTrue(
          deletedAgain.stderr().contains("belong to another application"), deletedAgain.stderr());
      assertEquals(
          "other-app",
          secretTool(
              keyring, "", "lookup", "service", service, "account", "a", "application", "editor"));
    } finally {
      secretTool(keyring, "", "clear", "service", service);
    }
  }

  @Test
  void concurrentSetsKeepEveryKey() throws Exception {
    Path store = directory.resolve("store.env");
    TestFiles.writePrivate(store, "FIRST=1\n");
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Keyrun keyrun = Keyrun.in(directory).args("set", "dotenv:" + store + "#KEY_" + i);
      Process process = keyrun.start();
      process.getOutputStream().write(("value-" + i).getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      running.add(process);
    }
    for (Process process : running) {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue());
    }

    String content = Files.readString(store);
    for (int i = 0; i < 8; i++) {
      assertTrue(content.contains("KEY_" + i + "='value-" + i + "'"), content);
    }
    assertTrue(content.startsWith("FIRST=1\n"), content);
  }

  @Test
  void storeIsCheckedBeforeTheValue() throws Exception {
    Path store = directory.resolve("shared.env");
    Files.writeString(store, "A=1\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));

    Keyrun.Result result =
        Keyrun.in(directory).input("").args("set", "dotenv:" + store + "#KEY").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("mode 0644"), result.stderr());
    assertFalse(result.stderr().contains("empty"), result.stderr());
  }

  @Test
  void controlCharactersAreShownEscaped() throws Exception {
    Path envFile = directory.resolve("refs.env");
    Files.writeString(envFile, "A=keyring://x/\u001b[2Kfake\n");

    Keyrun.Result result =
        Keyrun.in(directory).args("--env-file", envFile.toString(), "--", "true").run();

    assertEquals(125, result.status());
    assertFalse(result.stderr().contains("\u001b"), result.stderr());
    assertTrue(result.stderr().contains("keyring://x/\\x1b[2Kfake"), result.stderr());
  }

  @Test
  void lockedKeychainFailsBeforeTheValue() throws Exception {
    FakeSecurity security = new FakeSecurity(directory);
    Keyrun keyrun = security.configure(Keyrun.in(directory)).env("FAKE_SECURITY_LOCKED", "1");

    Keyrun.Result result = keyrun.input("").args("set", "keychain://" + service + "/a").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("locked"), result.stderr());
    assertFalse(result.stderr().contains("empty"), result.stderr());
  }

  @Test
  void missingSecurityFailsBeforeTheValue() throws Exception {
    Keyrun keyrun =
        Keyrun.in(directory)
            .env("KEYRUN_SECURITY_BIN", directory.resolve("no-such-security").toString());

    Keyrun.Result result = keyrun.input("").args("set", "keychain://" + service + "/a").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not found or not executable"), result.stderr());
    assertFalse(result.stderr().contains("empty"), result.stderr());
  }

  @Test
  void lockedKeyringFailsBeforeTheValue() throws Exception {
    try (TestKeyring keyring = TestKeyring.startPrivate()) {
      keyring.lock();

      Keyrun.Result result =
          keyrun(keyring)
              .unset("DISPLAY")
              .unset("WAYLAND_DISPLAY")
              .input("")
              .args("set", "keyring://" + service + "/a")
              .run();

      assertEquals(125, result.status());
      assertTrue(result.stderr().contains("locked"), result.stderr());
      assertFalse(result.stderr().contains("empty"), result.stderr());
    }
  }

  @Test
  void severalNonExactItemsAreAmbiguous() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    keyring.store(service, "alice", bytes("alice-value"));
    keyring.store(service, "bob", bytes("bob-value"));
    try {
      Keyrun.Result result = keyrun(keyring).args("read", "secret-service://" + service).run();

      assertEquals(125, result.status());
      assertTrue(result.stderr().contains("2 items of service"), result.stderr());
      assertTrue(result.stderr().contains("name the account"), result.stderr());
      assertFalse(result.stderr().contains("alice-value"), result.stderr());
    } finally {
      keyring.clear(service, "alice");
      keyring.clear(service, "bob");
    }
  }

  @Test
  void missingItemWithoutAccountHintsAccount() throws Exception {
    TestKeyring keyring = TestKeyring.shared();

    Keyrun.Result result = keyrun(keyring).args("read", "keyring://" + service).run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains("keyrun set keyring://" + service + "/ACCOUNT"), result.stderr());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Optional<byte[]> value) {
    return value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse("<missing>");
  }

  /** Runs secret-tool against {@code keyring} with {@code input} on stdin; returns its stdout. */
  private static String secretTool(TestKeyring keyring, String input, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("secret-tool"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.putAll(keyring.environment());
    Process process = builder.start();
    process.getOutputStream().write(bytes(input));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return output;
  }
}
