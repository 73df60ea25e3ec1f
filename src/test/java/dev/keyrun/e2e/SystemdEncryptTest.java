package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun systemd encrypt} with the real systemd-creds and a host key of the test's own, read
 * back through {@code systemd-creds://}.
 */
class SystemdEncryptTest {
  private static final String VALUE = "db-password-ü\nsecond line";

  @TempDir Path directory;

  private Keyrun keyrun() {
    return Keyrun.in(directory)
        .env("SYSTEMD_CREDENTIAL_SECRET", directory.resolve("host.secret").toString())
        .env("KEYRUN_CREDSTORE_PATH", directory.resolve("store.encrypted").toString());
  }

  @Test
  void encryptThenRead() throws Exception {
    Path output = directory.resolve("store.encrypted").resolve("db");

    Keyrun.Result encrypted =
        keyrun()
            .input(VALUE + "\n")
            .args("systemd", "encrypt", "--with-key=host", "--output", output.toString(), "db")
            .run();
    Keyrun.Result read = keyrun().args("read", "-n", "systemd-creds://db").run();

    assertEquals(0, encrypted.status(), encrypted.stderr());
    assertEquals(0, encrypted.stdoutBytes().length);
    assertTrue(encrypted.stderr().contains("encrypted systemd-creds://db to " + output));
    assertFalse(Files.readString(output).contains("db-password"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
    assertEquals(0, read.status(), read.stderr());
    assertEquals(VALUE, read.stdout());
  }

  @Test
  void invalidNameIsRejected() throws Exception {
    Keyrun.Result result =
        keyrun()
            .input(VALUE)
            .args("systemd", "encrypt", "--output", directory.resolve("x").toString(), "../x")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: NAME: invalid credential name"));
    assertFalse(Files.exists(directory.resolve("x")));
  }

  @Test
  void unknownKeyTypeIsRejected() throws Exception {
    Keyrun.Result result =
        keyrun().input(VALUE).args("systemd", "encrypt", "--with-key=null", "db").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("--with-key"), result.stderr());
  }
}
