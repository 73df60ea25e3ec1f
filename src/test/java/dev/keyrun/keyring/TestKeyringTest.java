package dev.keyrun.keyring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestKeyringTest {
  private static final String SERVICE = "keyrun-test-keyring";
  private static final byte[] VALUE = "first line\nsecond line ü 😀\n".getBytes(UTF_8);

  @Test
  void roundTripKeepsBytes() {
    TestKeyring keyring = TestKeyring.shared();
    String account = "round-trip-" + UUID.randomUUID();
    try {
      keyring.store(SERVICE, account, VALUE);

      Optional<byte[]> found = keyring.lookup(SERVICE, account);
      assertTrue(found.isPresent(), "stored item not found");
      assertArrayEquals(VALUE, found.get());
    } finally {
      keyring.clear(SERVICE, account);
    }
    assertTrue(keyring.lookup(SERVICE, account).isEmpty(), "item still found after clear");
  }

  @Test
  void lookupOfMissingItemIsEmpty() {
    TestKeyring keyring = TestKeyring.shared();

    Optional<byte[]> found = keyring.lookup(SERVICE, "missing-" + UUID.randomUUID());

    assertTrue(found.isEmpty(), "lookup of a missing item returned a value");
  }

  @Test
  void privateKeyringLocksAndStops() throws IOException {
    Path directory;
    Path socket;
    long busPid;
    long keyringPid;
    try (TestKeyring keyring = TestKeyring.startPrivate()) {
      directory = keyring.directory();
      socket = keyring.busSocket();
      busPid = keyring.busPid();
      keyringPid = keyring.keyringPid();
      assertEquals(
          TestKeyring.busAddress(socket), keyring.environment().get("DBUS_SESSION_BUS_ADDRESS"));
      assertTrue(isRunning(busPid), "dbus-daemon " + busPid + " not running");
      assertTrue(isRunning(keyringPid), "gnome-keyring-daemon " + keyringPid + " not running");

      keyring.store(SERVICE, "locked", VALUE);
      Optional<byte[]> beforeLock = keyring.lookup(SERVICE, "locked");
      assertTrue(beforeLock.isPresent(), "stored item not found before lock");
      assertArrayEquals(VALUE, beforeLock.get());

      keyring.lock();
      assertTrue(keyring.lookup(SERVICE, "locked").isEmpty(), "value still readable after lock");
    }

    assertFalse(Files.exists(socket), "bus socket " + socket + " remains after close");
    assertFalse(Files.exists(directory), "directory " + directory + " remains after close");
    assertFalse(isRunning(busPid), "dbus-daemon " + busPid + " still running after close");
    assertFalse(
        isRunning(keyringPid), "gnome-keyring-daemon " + keyringPid + " still running after close");
  }

  @Test
  void parseExportsUnquotesValues() {
    String output = "export A='plain'\nexport B='it'\\''s'\nexport C=''\n";

    Map<String, String> variables = TestKeyring.parseExports(output);

    assertEquals(Map.of("A", "plain", "B", "it's", "C", ""), variables);
  }

  @Test
  void busAddressEscapesPath() {
    String address = TestKeyring.busAddress(Path.of("/tmp/a b,ü*/bus"));

    assertEquals("unix:path=/tmp/a%20b%2C%C3%BC*/bus", address);
  }

  /**
   * Returns whether the process is running. A zombie counts as stopped, because it has exited and
   * only waits for its parent, which may be a slow PID 1, to reap it.
   */
  private static boolean isRunning(long pid) throws IOException {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (NoSuchFileException e) {
      return false;
    }
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    return afterName.charAt(0) != 'Z';
  }
}
