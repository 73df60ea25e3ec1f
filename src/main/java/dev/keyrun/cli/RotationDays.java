package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.StoreException;
import dev.keyrun.files.Failures;
import dev.keyrun.inventory.Days;
import dev.keyrun.inventory.InventoryFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Records in the inventory the day an entry got a new value, which {@code keyrun ls} and {@code
 * keyrun where} show, for {@code keyrun rotate} and for {@code keyrun systemd encrypt} when it
 * replaces a credential.
 */
final class RotationDays {
  private RotationDays() {}

  /**
   * Records today as the day {@code reference} was replaced.
   *
   * @param stored where the new value is already, for the message of a failure, such as {@code the
   *     new value is stored}
   * @return the failure, when the day could not be recorded
   */
  static Optional<KeyrunException> record(
      Map<String, byte[]> environment, Path home, String reference, String stored) {
    InventoryFile file = InventoryFile.of(environment, home);
    try {
      file.recordRotation(reference, Days.today());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(failure(file, stored, Failures.reason(e), e));
    } catch (StoreException e) {
      return Optional.of(failure(file, stored, e.getMessage(), e));
    }
  }

  private static KeyrunException failure(
      InventoryFile file, String stored, String reason, Exception e) {
    return KeyrunException.failed(
        file.path().toString(),
        stored + ", but the rotation date was not recorded: " + reason,
        "make the directory writable for you: " + file.path().getParent(),
        e);
  }
}
