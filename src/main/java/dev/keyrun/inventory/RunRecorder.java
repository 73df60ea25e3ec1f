package dev.keyrun.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the inventory which references a run uses. It sits on keyrun's start path, so it reads
 * the file once and writes only when a use is new or was last seen on another day. An I/O error
 * does not fail the run, and a lock held by another keyrun is not waited for. Both, like an
 * unwritable state directory (systemd's {@code ProtectHome=}, a {@code DynamicUser=} service), are
 * logged at debug level and skipped, and the next run records what this one missed.
 */
public final class RunRecorder {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");
  private static final Path CGROUP = Path.of("/proc/self/cgroup");

  /**
   * A reference a run resolved.
   *
   * @param project the absolute path of the file that declares the key, or null when the reference
   *     was inherited from keyrun's environment
   */
  public record Sighting(String reference, String key, String project) {}

  private RunRecorder() {}

  /** Records {@code sightings} for the user whose environment and home are given. */
  public static void record(List<Sighting> sightings, Map<String, byte[]> environment, Path home) {
    if (sightings.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    try {
      SystemdUnit unit = unit(environment).orElse(null);
      boolean written = record(InventoryFile.of(environment, home), sightings, unit, Days.today());
      LOG.info(
          "inventory {} in {} microseconds",
          written ? "updated" : "unchanged",
          (System.nanoTime() - started) / 1000);
    } catch (IOException | dev.keyrun.backend.StoreException | RuntimeException e) {
      LOG.debug("inventory not updated: {}", e.toString());
    }
  }

  /**
   * Records {@code sightings} in {@code file} as seen in {@code unit} (or null) on {@code day}.
   *
   * @return whether the file was written
   */
  public static boolean record(
      InventoryFile file, List<Sighting> sightings, SystemdUnit unit, String day)
      throws IOException, dev.keyrun.backend.StoreException {
    if (!applyTo(file.read(), sightings, unit, day)) {
      return false;
    }
    boolean written = file.update(inventory -> applyTo(inventory, sightings, unit, day), false);
    if (!written) {
      LOG.debug("inventory not updated: another keyrun holds the lock of {}", file.path());
    }
    return written;
  }

  private static boolean applyTo(
      Inventory inventory, List<Sighting> sightings, SystemdUnit unit, String day) {
    boolean changed = false;
    for (Sighting sighting : sightings) {
      if (sighting.project() == null && unit == null) {
        // An inherited reference outside a unit belongs to no project that could be listed.
        continue;
      }
      changed |=
          inventory.recordUse(sighting.reference(), sighting.key(), sighting.project(), unit, day);
    }
    return changed;
  }

  /**
   * Returns the systemd service keyrun runs in: systemd sets {@code INVOCATION_ID} for every
   * process of a unit, and {@code /proc/self/cgroup} names the unit.
   */
  private static Optional<SystemdUnit> unit(Map<String, byte[]> environment) throws IOException {
    byte[] invocation = environment.get("INVOCATION_ID");
    if (invocation == null || invocation.length == 0 || !Files.isReadable(CGROUP)) {
      return Optional.empty();
    }
    return SystemdUnit.fromCgroup(Files.readString(CGROUP));
  }
}
