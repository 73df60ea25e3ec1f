package dev.keyrun.files;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.PrivateFile;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory that contains keyrun's run directories: {@code $XDG_RUNTIME_DIR/keyrun} or {@code
 * /dev/shm/keyrun-<uid>}. It must be on a memory file system, so that secrets never reach a disk,
 * and private to the user, because {@code /dev/shm} is shared and another user could plant a
 * directory or a symbolic link there first.
 */
final class BaseDirectory {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  static final Path SHARED_MEMORY = Path.of("/dev/shm");

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  static final String NO_MEMORY_FILE_SYSTEM_HINT =
      "macOS has no memory file system by default, so deliver the values as environment"
          + " variables, or set XDG_RUNTIME_DIR to a directory on a memory file system";

  private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs");

  private BaseDirectory() {}

  /**
   * Returns the base directory for {@code environment} without creating it: {@code
   * $XDG_RUNTIME_DIR/keyrun} when XDG_RUNTIME_DIR is an absolute path on a memory file system, else
   * {@code <sharedMemory>/keyrun-<uid>} when {@code sharedMemory} is on one.
   *
   * @throws KeyrunException listing what was checked when neither is on a memory file system
   */
  static Path locate(Map<String, byte[]> environment, Path sharedMemory) {
    List<String> checked = new ArrayList<>();

    String runtime = runtimeDirectory(environment.get("XDG_RUNTIME_DIR"), checked);
    if (runtime != null) {
      Path directory = Path.of(runtime);
      String type = fileSystemType(directory);
      if (isMemory(type)) {
        return directory.resolve("keyrun");
      }
      checked.add("XDG_RUNTIME_DIR (" + directory + ") " + describe(type));
    }

    String type = fileSystemType(sharedMemory);
    if (isMemory(type)) {
      if (!checked.isEmpty()) {
        LOG.info("secret files go to {}: {}", sharedMemory, String.join(", and ", checked));
      }
      return sharedMemory.resolve("keyrun-" + Posix.effectiveUid());
    }
    checked.add(sharedMemory + " " + describe(type));

    throw KeyrunException.failed(
        "secret files",
        "no memory file system found: " + String.join(", and ", checked),
        NO_MEMORY_FILE_SYSTEM_HINT);
  }

  /** Returns XDG_RUNTIME_DIR as a usable absolute path, or null after noting why it is not one. */
  private static String runtimeDirectory(byte[] value, List<String> checked) {
    if (value == null || value.length == 0) {
      checked.add("XDG_RUNTIME_DIR is not set");
      return null;
    }

    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
      Path.of(text);
    } catch (CharacterCodingException | InvalidPathException e) {
      checked.add("XDG_RUNTIME_DIR is not a valid UTF-8 path");
      return null;
    }

    if (!text.startsWith("/")) {
      checked.add("XDG_RUNTIME_DIR (" + text + ") is not an absolute path");
      return null;
    }
    return text;
  }

  /**
   * Checks that {@code base}, or its parent while {@code base} does not exist yet, is on tmpfs or
   * ramfs.
   *
   * @throws KeyrunException naming {@code base} and the file system it is on
   */
  static void requireMemoryFileSystem(Path base) {
    Path existing = Files.exists(base, LinkOption.NOFOLLOW_LINKS) ? base : base.getParent();
    String type = fileSystemType(existing);
    if (!isMemory(type)) {
      throw KeyrunException.failed(
          base.toString(),
          "is not on a memory file system: " + existing + " " + describe(type),
          NO_MEMORY_FILE_SYSTEM_HINT);
    }
  }

  /** Returns the file system type of {@code path}, such as tmpfs or ext4, or null if missing. */
  private static String fileSystemType(Path path) {
    try {
      return Files.getFileStore(path).type();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static boolean isMemory(String type) {
    return type != null && MEMORY_FILE_SYSTEMS.contains(type);
  }

  /** Describes a file system type that is not a memory file system, for an error message. */
  private static String describe(String type) {
    if (type == null) {
      return "does not exist";
    }
    return "is on " + type + ", not on tmpfs or ramfs";
  }

  /**
   * Creates {@code base} with mode 0700 if it is missing, then checks it.
   *
   * @throws KeyrunException naming the path when it cannot be created or is not private
   */
  static void prepare(Path base) {
    try {
      Files.createDirectory(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // The umask may have cleared bits of the requested mode, so set the mode again.
      Files.setPosixFilePermissions(base, OWNER_ONLY);
    } catch (FileAlreadyExistsException e) {
      // An earlier or a concurrent keyrun made it, or someone else did, so checkPrivate decides.
    } catch (IOException e) {
      throw KeyrunException.failed(
          base.toString(),
          "cannot create the directory for secret files: " + Failures.reason(e),
          "check that " + base.getParent() + " exists and is writable");
    }
    checkPrivate(base);
  }

  /**
   * Checks that {@code base} is a directory, not a symbolic link, owned by the effective user, with
   * no permission bits for group or others.
   *
   * @throws KeyrunException naming the path and the problem
   */
  static void checkPrivate(Path base) {
    String hint = "remove " + base + " so that keyrun creates it anew with mode 0700";
    PosixFileAttributes attributes;
    int owner;
    try {
      attributes = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner = (Integer) Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw KeyrunException.failed(base.toString(), "cannot read: " + Failures.reason(e), hint);
    }

    if (attributes.isSymbolicLink()) {
      throw KeyrunException.failed(base.toString(), "is a symbolic link, not a directory", hint);
    }
    if (!attributes.isDirectory()) {
      throw KeyrunException.failed(base.toString(), "is not a directory", hint);
    }

    int user = Posix.effectiveUid();
    if (owner != user) {
      throw KeyrunException.failed(
          base.toString(),
          "is owned by uid " + owner + ", not by the current user (uid " + user + ")",
          "ask its owner or an administrator to remove it, or set XDG_RUNTIME_DIR to a private"
              + " directory on a memory file system");
    }

    Set<PosixFilePermission> permissions = attributes.permissions();
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw KeyrunException.failed(
          base.toString(),
          "is accessible to group or others (mode " + PrivateFile.octal(permissions) + ")",
          "chmod 700 " + base + ", or " + hint);
    }
  }
}
