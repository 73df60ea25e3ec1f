package dev.keyrun.files;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.PrivateFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private directory of secret files for one run of keyrun, on a memory file system so that no
 * value reaches a disk. Each secret is one file with mode 0400 in a directory with mode 0700, named
 * {@code <base>/run-<pid>-<starttime>-<random>}.
 *
 * <p>The directory outlives an {@code execve}, so whoever runs the command must call {@link
 * #remove} when it ends. A keyrun killed with SIGKILL cannot, and the next keyrun's {@link #sweep}
 * removes what it left.
 */
public final class SecretDirectory {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private static final Set<PosixFilePermission> CREATING =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READ_ONLY =
      PosixFilePermissions.fromString("r--------");

  /** Attempts at an unused random directory name. A clash needs two equal 64-bit draws. */
  private static final int NAME_ATTEMPTS = 3;

  private final Path path;
  private boolean removed;

  private SecretDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a run directory in the base directory that {@code environment} selects: {@code
   * $XDG_RUNTIME_DIR/keyrun} when XDG_RUNTIME_DIR is an absolute path on tmpfs or ramfs, else
   * {@code /dev/shm/keyrun-<uid>} when {@code /dev/shm} is on one. The base is created with mode
   * 0700 if missing.
   *
   * @param environment keyrun's environment, as exact bytes
   * @throws KeyrunException when no memory file system is found, the base is not private to the
   *     user, or a directory cannot be created
   */
  public static SecretDirectory create(Map<String, byte[]> environment) {
    Path base = BaseDirectory.locate(environment, BaseDirectory.SHARED_MEMORY);
    return createIn(base, true);
  }

  /**
   * Creates a run directory in {@code base}. Tests pass {@code requireMemoryFileSystem} false to
   * work in a temporary directory on disk.
   */
  static SecretDirectory createIn(Path base, boolean requireMemoryFileSystem) {
    if (requireMemoryFileSystem) {
      BaseDirectory.requireMemoryFileSystem(base);
    }
    BaseDirectory.prepare(base);

    RunOwner owner = RunOwner.current();
    for (int attempt = 1; ; attempt++) {
      Path path = base.resolve(owner.directoryName(randomSuffix()));
      try {
        createPrivateDirectory(path);
        return new SecretDirectory(path);
      } catch (FileAlreadyExistsException e) {
        if (attempt == NAME_ATTEMPTS) {
          throw cannotCreate(path, e);
        }
      } catch (IOException e) {
        throw cannotCreate(path, e);
      }
    }
  }

  private static void createPrivateDirectory(Path path) throws IOException {
    // createDirectory fails if anything, a symbolic link included, is already at the path.
    Files.createDirectory(path, PosixFilePermissions.asFileAttribute(BaseDirectory.OWNER_ONLY));
    // The umask applies to the mode given at creation, so set the mode again and check it.
    Files.setPosixFilePermissions(path, BaseDirectory.OWNER_ONLY);

    PosixFileAttributes attributes =
        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory() || !attributes.permissions().equals(BaseDirectory.OWNER_ONLY)) {
      Files.delete(path);
      throw new IOException(
          "has mode " + PrivateFile.octal(attributes.permissions()) + " after chmod 700");
    }
  }

  private static KeyrunException cannotCreate(Path path, IOException failure) {
    return KeyrunException.failed(
        path.toString(),
        "cannot create the directory for secret files: " + Failures.reason(failure),
        "check the free space and permissions of " + path.getParent());
  }

  private static String randomSuffix() {
    byte[] random = new byte[8];
    RandomHolder.RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Writes {@code value} to a new file named {@code name} and returns its path. The file gets
   * exactly these bytes and mode 0400.
   *
   * @param name an environment variable name, which becomes the file name
   * @throws KeyrunException when the name is invalid or already written, or the write fails
   */
  public synchronized Path write(String name, byte[] value) {
    SecretNames.check(name);
    if (removed) {
      throw KeyrunException.failed(
          path.toString(), "was removed before " + name + " was written", "run keyrun again");
    }

    Path file = path.resolve(name);
    try {
      writeNewFile(file, value);
      Files.setPosixFilePermissions(file, READ_ONLY);
      return file;
    } catch (FileAlreadyExistsException e) {
      throw KeyrunException.failed(
          name,
          "a secret file with this name already exists in " + path,
          "deliver each variable as a file only once");
    } catch (IOException e) {
      deletePartialFile(file);
      throw KeyrunException.failed(
          name,
          "cannot write the secret file " + file + ": " + Failures.reason(e),
          "check the free space of the memory file system with: df " + path);
    }
  }

  private static void writeNewFile(Path file, byte[] value) throws IOException {
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(CREATING))) {
      ByteBuffer buffer = ByteBuffer.wrap(value);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static void deletePartialFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // remove() deletes it with the directory.
    }
  }

  /**
   * Deletes the directory and everything in it, without following symbolic links. Calling it again,
   * or after the directory vanished, does nothing. A shutdown hook and the main thread may call it
   * at once.
   *
   * @throws KeyrunException when a file exists but cannot be deleted
   */
  public synchronized void remove() {
    if (removed) {
      return;
    }
    try {
      RunDirectories.delete(path);
      Files.deleteIfExists(RunDirectories.commandRecord(path));
      removed = true;
    } catch (IOException e) {
      throw KeyrunException.failed(
          path.toString(),
          "cannot remove the secret files: " + Failures.reason(e),
          "delete the directory by hand: rm -rf " + path);
    }
  }

  /**
   * Removes the run directories in {@code base} that belong to keyrun processes that are gone, and
   * returns how many it removed. Pass the parent of a {@link #path()}, after {@link #create}
   * checked it. Only directories named {@code run-<pid>-<starttime>-<random>} and owned by the
   * effective user are candidates. A directory that cannot be removed is logged and skipped.
   *
   * @throws KeyrunException when {@code base} exists but is not private to the user
   */
  public static int sweep(Path base) {
    return RunDirectories.sweep(base);
  }

  /**
   * Records the process that reads the files, next to the directory, so that a sweep after keyrun
   * was killed leaves the files alone while that process still runs. A failure to record only makes
   * a later sweep less careful, so it is logged rather than thrown.
   */
  public synchronized void recordCommand(long pid) {
    RunOwner command = RunOwner.of(pid);
    try {
      Files.writeString(RunDirectories.commandRecord(path), command.record());
    } catch (IOException e) {
      LOG.warn("could not record the command of {}: {}", path, Failures.reason(e));
    }
  }

  /** Returns the run directory, an absolute path when the base is one. */
  public Path path() {
    return path;
  }

  /** Lazy holder of the random generator, which is seeded on first use. */
  private static final class RandomHolder {
    private static final SecureRandom RANDOM = new SecureRandom();
  }
}
