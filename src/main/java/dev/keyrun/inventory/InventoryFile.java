package dev.keyrun.inventory;

import dev.keyrun.backend.BoundedRead;
import dev.keyrun.backend.PrivateFileWriter;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreFileLock;
import dev.keyrun.files.XdgBaseDirectory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The inventory file, {@code $XDG_STATE_HOME/keyrun/inventory} (default {@code
 * ~/.local/state/keyrun/inventory}). A change takes an exclusive lock on a file beside it and reads
 * the file again, so that two keyrun processes at once both keep their records. The new content
 * then replaces the file in one atomic step, with mode 600 in a directory of mode 700.
 */
public final class InventoryFile {
  private static final String NAME = "inventory";

  private final Path file;

  private InventoryFile(Path file) {
    this.file = file;
  }

  /**
   * Returns the inventory of the user: under {@code $XDG_STATE_HOME} when it is an absolute path,
   * as the XDG Base Directory specification requires, else under {@code home/.local/state}.
   */
  public static InventoryFile of(Map<String, byte[]> environment, Path home) {
    Path stateHome = XdgBaseDirectory.STATE.resolve(environment, home);
    return new InventoryFile(stateHome.resolve("keyrun").resolve(NAME));
  }

  public Path path() {
    return file;
  }

  /** Reads the inventory. A missing file reads as an empty inventory. */
  public Inventory read() throws IOException {
    try {
      return Inventory.parse(BoundedRead.readRegular(file));
    } catch (NoSuchFileException e) {
      return Inventory.parse(new byte[0]);
    }
  }

  /**
   * Applies {@code change} to the current inventory under the lock, and writes the file if it
   * returns true.
   *
   * @param wait whether to wait for another keyrun that holds the lock. Without waiting, a held
   *     lock makes this method return false and change nothing.
   * @return whether the file was written
   */
  public boolean update(Predicate<Inventory> change, boolean wait)
      throws IOException, StoreException {
    try (StoreFileLock lock = wait ? StoreFileLock.acquire(file) : StoreFileLock.tryAcquire(file)) {
      if (lock == null) {
        return false;
      }
      Inventory inventory = read();
      if (!change.test(inventory)) {
        return false;
      }
      PrivateFileWriter.write(file, inventory.format(), PrivateFileWriter.FILE_MODE);
      return true;
    }
  }

  /** Records that the entry {@code reference} was replaced on {@code day}, waiting for the lock. */
  public void recordRotation(String reference, String day) throws IOException, StoreException {
    update(
        inventory -> {
          inventory.recordRotation(reference, day);
          return true;
        },
        true);
  }
}
