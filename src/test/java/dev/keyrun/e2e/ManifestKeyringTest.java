package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyrun.keyring.TestKeyring;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest profile that reads the OS keyring: the gnome-keyring daemon that scripts/test.sh
 * starts on a private D-Bus session bus.
 */
class ManifestKeyringTest {
  @TempDir Path directory;

  private TestKeyring keyring;
  private String service;

  @BeforeEach
  void connect() {
    keyring = TestKeyring.shared();
    service = "keyrun-e2e-manifest-" + UUID.randomUUID();
  }

  @AfterEach
  void removeItem() {
    if (keyring != null) {
      keyring.clear(service, "default");
    }
  }

  @Test
  void desktopProfileReadsKeyring() throws Exception {
    keyring.store(service, "default", "keyring-value-1618".getBytes(UTF_8));
    TestFiles.write(
        directory.resolve("keyrun.toml"),
        "[keys.K]\nref = \"dotenv:K\"\n\n[profiles.desktop]\nK = \"keyring://"
            + service
            + "/default\"\n",
        "rw-r--r--");

    Keyrun keyrun = Keyrun.in(directory).unset("KEYRUN_KEYRING").unset("KEYRUN_PROFILE");
    keyring.environment().forEach(keyrun::env);
    Keyrun.Result result =
        keyrun.args("--profile", "desktop", "--no-mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("keyring-value-1618\n", result.stdout());
  }
}
