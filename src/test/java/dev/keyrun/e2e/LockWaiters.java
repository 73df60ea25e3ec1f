package dev.keyrun.e2e;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Reads Linux's /proc/locks to tell whether a process waits for a lock on a file. */
final class LockWaiters {
  private LockWaiters() {}

  /**
   * Tells whether a process waits for a lock on {@code file}. Linux lists a request that waits for
   * a lock in /proc/locks with {@code ->} after its position, and each line names the locked file
   * as {@code MAJOR:MINOR:INODE} followed by a space, so the inode alone identifies the file on the
   * file system of the test.
   */
  static boolean anyOn(Path file) throws Exception {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    long inode = (Long) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    String inodeField = ":" + inode + " ";
    return Files.readAllLines(Path.of("/proc/locks")).stream()
        .anyMatch(line -> line.contains("->") && line.contains(inodeField));
  }
}
