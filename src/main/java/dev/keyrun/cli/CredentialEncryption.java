package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.backend.systemd.SystemdCredsTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Writes a value as an encrypted systemd credential, for {@code keyrun systemd encrypt} and {@code
 * keyrun rotate systemd-creds://NAME} alike. systemd-creds encrypts into a temporary file beside
 * the target, which gets mode 600 and then replaces the target in one rename. So the target is
 * never readable by others, and a failed encryption leaves the old credential in place.
 */
final class CredentialEncryption {
  static final String DEFAULT_KEY = "auto";
  private static final Set<String> KEYS = Set.of("auto", "host", "tpm2", "host+tpm2");

  private final Map<String, byte[]> environment;
  private final Duration timeout;

  CredentialEncryption(Map<String, byte[]> environment, Duration timeout) {
    this.environment = environment;
    this.timeout = timeout;
  }

  /** Returns the {@code --with-key} value, or fails when systemd-creds does not know it. */
  static String requireKey(String key) {
    if (!KEYS.contains(key)) {
      throw KeyrunException.failed(
          CommandSpecs.WITH_KEY, "must be one of auto, host, tpm2, host+tpm2", null);
    }
    return key;
  }

  /**
   * Encrypts {@code value} as the credential {@code name} with {@code systemd-creds encrypt
   * --with-key=KEY} and puts it at {@code output}. The value reaches systemd-creds on stdin only.
   */
  void write(String name, String key, Path output, Secret value) {
    Path directory = output.toAbsolutePath().getParent();
    Path temporary = createTemporary(directory);
    try {
      encrypt(name, key, temporary, value);
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      Files.move(
          temporary, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw KeyrunException.failed(
          output.toString(), "cannot write the credential: " + e.getMessage(), null, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private void encrypt(String name, String key, Path output, Secret value) {
    String tool = SystemdCredsStore.tool(environment);
    byte[] bytes = value.bytes();
    HelperProcess.Result result;
    try {
      result =
          SystemdCredsTool.encrypt(
              name, key, output, bytes, environment, Instant.now().plus(timeout));
    } catch (HelperProcess.TimedOut e) {
      throw KeyrunException.failed(tool, "timed out after " + timeout.toSeconds() + " s", null, e);
    } catch (StoreException e) {
      throw KeyrunException.failed(tool, "cannot run it", e.hint(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }

    if (result.exitCode() != 0) {
      throw KeyrunException.failed(
          "systemd-creds://" + name,
          "systemd-creds encrypt failed: " + result.firstErrorLine(),
          "writing the host key and " + SystemdEncryptCommand.DEFAULT_STORE + " needs root");
    }
  }

  private static Path createTemporary(Path directory) {
    try {
      return Files.createTempFile(
          directory,
          ".keyrun-",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw KeyrunException.failed(
          directory.toString(), "cannot write a file there: " + e.getMessage(), "run as root", e);
    }
  }

  private static void deleteQuietly(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // Only a leftover of a failed write; it contains ciphertext, not the value.
    }
  }
}
