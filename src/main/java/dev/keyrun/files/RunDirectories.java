package dev.keyrun.files;

import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removal of run directories: the one a keyrun made for itself, and those left behind by a keyrun
 * that ended without cleaning up, such as one killed with SIGKILL by the out-of-memory killer. Both
 * tolerate entries that vanish meanwhile, because two keyruns may sweep the same base at once.
 */
final class RunDirectories {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private RunDirectories() {}

  /**
   * Removes the run directories in {@code base} whose owner process is gone, and returns how many
   * this call removed. It considers only directories named {@code run-<pid>-<starttime>-<random>}
   * and owned by the effective user, never follows symbolic links and leaves every other entry
   * alone. A directory that cannot be removed is logged and skipped.
   *
   * @throws dev.keyrun.KeyrunException when {@code base} exists but is not private to the user
   */
  static int sweep(Path base) {
    if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    BaseDirectory.checkPrivate(base);

    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
      for (Path entry : entries) {
        if (removeIfAbandoned(entry)) {
          removed++;
        }
      }
    } catch (NoSuchFileException e) {
      // The base vanished, so nothing is left to sweep.
    } catch (IOException | DirectoryIteratorException e) {
      LOG.warn("could not list {} to remove leftover secret files: {}", base, e.getMessage());
    }
    return removed;
  }

  private static boolean removeIfAbandoned(Path entry) {
    try {
      if (!isAbandoned(entry) || !delete(entry)) {
        return false;
      }
      Files.deleteIfExists(commandRecord(entry));
      return true;
    } catch (IOException e) {
      LOG.warn(
          "could not remove leftover secret files in {}: {}; delete the directory by hand",
          entry,
          Failures.reason(e));
      return false;
    }
  }

  private static boolean isAbandoned(Path entry) throws IOException {
    Optional<RunOwner> owner = RunOwner.fromDirectoryName(entry.getFileName().toString());
    if (owner.isEmpty()) {
      return false;
    }

    PosixFileAttributes attributes;
    int uid;
    try {
      attributes =
          Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      uid = (Integer) Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }

    // With NOFOLLOW_LINKS a symbolic link to a directory is not a directory.
    if (!attributes.isDirectory() || uid != Posix.effectiveUid()) {
      return false;
    }
    return !owner.get().isRunning() && !commandIsRunning(entry);
  }

  /** Returns the file next to a run directory that records the command reading its files. */
  static Path commandRecord(Path directory) {
    return directory.resolveSibling(directory.getFileName() + ".command");
  }

  /**
   * Tells whether the command recorded for a run directory still runs: a command that outlived a
   * killed keyrun may still read its files.
   */
  private static boolean commandIsRunning(Path directory) throws IOException {
    Path record = commandRecord(directory);
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String text;
    try {
      text = Files.readString(record);
    } catch (NoSuchFileException e) {
      return false;
    }
    return RunOwner.fromRecord(text).map(RunOwner::isRunning).orElse(false);
  }

  /**
   * Deletes {@code directory} and everything in it without following symbolic links. Returns
   * whether this call deleted the directory itself, which is false when it was already gone.
   *
   * @throws IOException when an entry exists but cannot be deleted
   */
  static boolean delete(Path directory) throws IOException {
    makeOwnerWritable(directory);
    TreeDeleter deleter = new TreeDeleter(directory);
    Files.walkFileTree(directory, deleter);
    return deleter.deletedRoot;
  }

  /** Restores mode 0700, in case the command run by keyrun made its directory read-only. */
  private static void makeOwnerWritable(Path directory) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(
            directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      view.setPermissions(BaseDirectory.OWNER_ONLY);
    } catch (NoSuchFileException e) {
      // Already gone: the walk finds nothing to delete.
    }
  }

  /** Deletes files as the walk reaches them and each directory once its entries are gone. */
  private static final class TreeDeleter extends SimpleFileVisitor<Path> {
    private final Path root;
    private boolean deletedRoot;

    TreeDeleter(Path root) {
      this.root = root;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
        throws IOException {
      // The command may have made a subdirectory read-only; its entries cannot go otherwise.
      makeOwnerWritable(directory);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Files.deleteIfExists(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      if (failure instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      if (failure instanceof AccessDeniedException
          && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        // A subdirectory without read permission could not be listed: open it up and retry.
        delete(file);
        return FileVisitResult.CONTINUE;
      }
      throw failure;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException failure)
        throws IOException {
      if (failure != null && !(failure instanceof NoSuchFileException)) {
        throw failure;
      }
      boolean deleted = Files.deleteIfExists(directory);
      if (directory.equals(root)) {
        deletedRoot = deleted;
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
