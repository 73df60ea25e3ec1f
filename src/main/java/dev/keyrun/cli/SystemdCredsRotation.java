package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.systemd.Credstores;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The write step of {@code keyrun rotate systemd-creds://NAME}: encrypts the new value over the
 * credential file that a read of the reference opens, as {@code keyrun systemd encrypt} writes it.
 * The unit's copy in {@code $CREDENTIALS_DIRECTORY} is not searched, because systemd makes it from
 * a credential store when the unit starts.
 */
final class SystemdCredsRotation {
  private final Services services;
  private final Duration timeout;

  SystemdCredsRotation(Services services, Duration timeout) {
    this.services = services;
    this.timeout = timeout;
  }

  /**
   * Finds the credential, then reads the new value from stdin or a prompt and encrypts it with
   * {@code --with-key=KEY} over the old file.
   *
   * @return the store's name for messages, such as {@code systemd credential store
   *     /etc/credstore.encrypted}
   */
  String rotate(Reference reference, String key, InputStream stdin, boolean raw)
      throws IOException {
    String name = validName(reference);
    Path file = existingFile(reference, name);

    Secret value = ValueInput.read(reference.toString(), stdin, raw);
    try {
      new CredentialEncryption(services.environment(), timeout).write(name, key, file, value);
    } finally {
      value.wipe();
    }
    return "systemd credential store " + file.getParent();
  }

  private static String validName(Reference reference) {
    try {
      return SystemdCredsStore.requireValidName(reference);
    } catch (InvalidReferenceException e) {
      throw KeyrunException.failed(reference.toString(), e.problem(), "expected " + e.expected());
    }
  }

  /**
   * Returns the encrypted credential file of {@code name}. A missing one is an error, because a
   * mistyped name would otherwise create a new credential and leave the leaked one in place.
   */
  private Path existingFile(Reference reference, String name) {
    List<Path> stores;
    try {
      stores = Credstores.directories(services.storeContext(timeout));
    } catch (StoreException e) {
      throw KeyrunException.failed(
          reference.toString(), "systemd credentials: " + e.getMessage(), e.hint(), e);
    }
    Optional<Path> found;
    try {
      found = Credstores.locate(name, services.storeContext(timeout));
    } catch (StoreException e) {
      // Such a store is usually root-only, and the hint for reads (a unit with LoadCredential=)
      // does not apply to a write.
      throw KeyrunException.failed(
          reference.toString(),
          "systemd credentials: " + e.getMessage(),
          "credential stores belong to root: sudo keyrun rotate " + reference,
          e);
    }

    if (found.isEmpty()) {
      throw KeyrunException.failed(
          reference.toString(),
          "not found in the credential stores ("
              + String.join(", ", stores.stream().map(Path::toString).toList())
              + "), so there is no value to replace",
          "check the reference with keyrun where or keyrun ls; keyrun systemd encrypt "
              + name
              + " creates a new credential");
    }
    requireReplaceable(reference, name, found.get());
    return found.get();
  }

  /** Fails unless keyrun can encrypt over {@code file} the way keyrun systemd encrypt writes. */
  private static void requireReplaceable(Reference reference, String name, Path file) {
    if (!Credstores.encrypted(file.getParent())) {
      throw KeyrunException.failed(
          reference.toString(),
          file + " is a plain credential, and keyrun rotate writes only encrypted ones",
          "write the new value into "
              + file
              + " yourself, or encrypt it with keyrun systemd"
              + " encrypt "
              + name
              + " and delete "
              + file);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw KeyrunException.failed(
          reference.toString(),
          file + " is not a regular file, so keyrun does not replace it",
          "encrypt the new value into the file it points to with keyrun systemd encrypt --output"
              + " FILE "
              + name);
    }
    // Checked before the value is asked for, as the other stores' prepare step does.
    if (!Files.isWritable(file.getParent())) {
      throw KeyrunException.failed(
          reference.toString(),
          "cannot write to " + file.getParent() + ": permission denied",
          "credential stores belong to root: sudo keyrun rotate " + reference);
    }
  }
}
