package dev.keyrun.importing;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.backend.systemd.SystemdCredsTool;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves values into encrypted systemd credentials: one file per key in a credential store directory
 * whose name ends in {@code .encrypted}, written by {@code systemd-creds encrypt --with-key=auto}
 * as {@code keyrun systemd encrypt} writes them. The value reaches systemd-creds on stdin.
 */
final class SystemdCredsImportStore implements ImportStore {
  private final Path directory;
  private final StoreContext context;
  private final SystemdCredsStore reader = new SystemdCredsStore();

  SystemdCredsImportStore(Path directory, StoreContext context) {
    this.directory = directory;
    this.context = context;
  }

  @Override
  public String name() {
    return "systemd credential store " + directory;
  }

  @Override
  public Reference referenceFor(String name) {
    return new Reference(Scheme.SYSTEMD_CREDS, name);
  }

  @Override
  public void prepare(Reference reference) throws StoreException {
    try {
      SystemdCredsStore.requireValidName(reference);
    } catch (InvalidReferenceException e) {
      throw new StoreException(reference + ": " + e.problem(), "use --prefix or rename the key");
    }
    if (!directory.getFileName().toString().endsWith(".encrypted")) {
      throw new StoreException(
          directory + " is not named *.encrypted, so keyrun would not decrypt what it holds",
          "use /etc/credstore.encrypted, or another directory whose name ends in .encrypted");
    }
    Path existing = directory;
    while (existing != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isWritable(existing)) {
      throw new StoreException(
          "cannot write to " + directory + ": permission denied",
          "run as root, or give --credstore DIR with a directory you can write");
    }
  }

  @Override
  public Map<Reference, Optional<Secret>> existing(List<Reference> references)
      throws StoreException {
    Map<String, byte[]> environment = new HashMap<>(context.environment());
    environment.remove("CREDENTIALS_DIRECTORY");
    environment.put(
        "KEYRUN_CREDSTORE_PATH",
        directory.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    StoreContext onlyThisDirectory =
        new StoreContext(environment, context.home(), context.deadline());
    return reader.resolve(references, onlyThisDirectory);
  }

  @Override
  public void store(Reference reference, Secret value) throws StoreException {
    String name = reference.body();
    Path temporary = directory.resolve("." + name + ".tmp");
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      encrypt(name, temporary, value);
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      Files.move(
          temporary,
          directory.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StoreException("cannot write " + directory.resolve(name) + ": " + e, null, e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // Only a leftover of a failed write; it contains ciphertext, not the value.
      }
    }
  }

  private void encrypt(String name, Path output, Secret value) throws StoreException {
    byte[] bytes = value.bytes();
    HelperProcess.Result result;
    try {
      result =
          SystemdCredsTool.encrypt(
              name, "auto", output, bytes, context.environment(), context.deadline());
    } catch (HelperProcess.TimedOut e) {
      throw new StoreException("timed out waiting for systemd-creds encrypt", "raise --timeout", e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    if (result.exitCode() != 0) {
      throw new StoreException(
          "systemd-creds encrypt failed: " + result.firstErrorLine(),
          "writing the host key needs root");
    }
  }
}
