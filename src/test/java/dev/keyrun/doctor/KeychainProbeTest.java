package dev.keyrun.doctor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.backend.StoreContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keychain probe of the {@code stores} check, against the fake {@code security}. */
class KeychainProbeTest {
  private static final Path FAKE = Path.of("src/test/fakes/security").toAbsolutePath();

  @TempDir Path directory;

  @Test
  void unlockedKeychainIsUsable() {
    Finding finding = probe("Mac OS X", Map.of());

    assertEquals(Status.OK, finding.status(), finding.toString());
    assertEquals(
        "macOS Keychain (keychain://, keyring://): usable: the default keychain is unlocked",
        finding.finding());
  }

  @Test
  void lockedKeychainWarns() {
    Finding finding = probe("Mac OS X", Map.of("FAKE_SECURITY_LOCKED", "1"));

    assertEquals(Status.WARN, finding.status(), finding.toString());
    assertTrue(finding.finding().contains("the default keychain is locked"), finding.finding());
    assertTrue(finding.fix().contains("security unlock-keychain"), finding.fix());
  }

  @Test
  void missingSecurityIsSkipped() {
    Path absent = directory.resolve("absent-security");
    Finding finding = probe("Mac OS X", Map.of("KEYRUN_SECURITY_BIN", absent.toString()));

    assertEquals(Status.SKIPPED, finding.status(), finding.toString());
    assertTrue(finding.finding().endsWith("cannot use: cannot run " + absent), finding.finding());
  }

  @Test
  void linuxIsSkipped() {
    Finding finding = probe("Linux", Map.of());

    assertEquals(Status.SKIPPED, finding.status(), finding.toString());
    assertTrue(finding.finding().endsWith("cannot use: macOS only"), finding.finding());
  }

  private Finding probe(String osName, Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("KEYRUN_SECURITY_BIN", FAKE.toString());
    environment.put("FAKE_SECURITY_DB", directory.resolve("db").toString());
    environment.putAll(extra);
    Host host = new Host(Path.of("/"), directory, environment, osName, false);

    Map<String, byte[]> bytes = new HashMap<>();
    environment.forEach((name, value) -> bytes.put(name, value.getBytes(UTF_8)));
    StoreContext context =
        new StoreContext(bytes, directory, Instant.now().plus(StoresCheck.PROBE_TIMEOUT));
    return KeyringProbes.keychain(host, context);
  }
}
