package dev.keyrun.backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive lock for changing one store file. Each change reads the whole file, edits it and
 * replaces it, so two {@code keyrun set} processes at once would each write the file without the
 * other's change. The lock is taken on {@code .NAME.lock} next to the file, which stays empty and
 * in place, because the store file itself is replaced by a rename and a lock on it would be lost.
 */
public final class StoreFileLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreFileLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other process changes {@code file}, then holds the lock until closed. */
  public static StoreFileLock acquire(Path file) throws StoreException {
    return lock(file, true);
  }

  /**
   * Takes the lock if no other process holds it, without waiting.
   *
   * @return the lock, or null when another process holds it
   */
  public static StoreFileLock tryAcquire(Path file) throws StoreException {
    return lock(file, false);
  }

  private static StoreFileLock lock(Path file, boolean wait) throws StoreException {
    Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
    try {
      PrivateFileWriter.createDirectory(file);
      FileChannel channel =
          FileChannel.open(
              lockFile,
              java.util.Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PrivateFileWriter.FILE_MODE));
      try {
        FileLock lock = wait ? channel.lock() : channel.tryLock();
        if (lock == null) {
          channel.close();
          return null;
        }
        return new StoreFileLock(channel, lock);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (AccessDeniedException e) {
      throw new StoreException(
          "cannot create the lock file " + lockFile + ": permission denied",
          "make sure you can create files in " + lockFile.getParent(),
          e);
    } catch (IOException e) {
      throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    }
  }
}
