package dev.keyrun.backend;

import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a file that contains plaintext secrets, after checking that only its owner can read it: a
 * regular file (not a symlink), owned by the effective user, with no group or other permission
 * bits.
 *
 * <p>The attributes are read before and after the content, and a file that changed in between
 * (replaced, re-moded) is rejected, so a swap during the read cannot slip past the check.
 */
public final class PrivateFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  /** Reads of a file that keeps changing before keyrun gives up. */
  private static final int READ_ATTEMPTS = 3;

  private PrivateFile() {}

  /**
   * Returns the content of {@code file}.
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws UnsafeFileException when the file is not private to the user
   */
  public static byte[] read(Path file) throws IOException {
    // keyrun set replaces a store file by an atomic rename, so a reader may see the file change
    // once or twice under concurrent writes; each attempt checks and reads the file anew.
    for (int attempt = 1; ; attempt++) {
      PosixFileAttributes before = check(file);

      // O_NOFOLLOW: a symbolic link swapped in after the check is refused, not followed.
      byte[] content = BoundedRead.read(file, LinkOption.NOFOLLOW_LINKS);

      PosixFileAttributes after = check(file);
      if (sameFile(before, after)) {
        return content;
      }
      Arrays.fill(content, (byte) 0);
      if (attempt == READ_ATTEMPTS) {
        throw new UnsafeFileException(file, "changed while it was read", "run keyrun again");
      }
    }
  }

  /**
   * Tells whether two readings of a file's attributes describe the same, unmodified file: the same
   * inode and the same modification time.
   */
  public static boolean sameFile(BasicFileAttributes before, BasicFileAttributes after) {
    return Objects.equals(before.fileKey(), after.fileKey())
        && before.lastModifiedTime().equals(after.lastModifiedTime());
  }

  /** Checks {@code file} without reading it and returns its attributes. */
  public static PosixFileAttributes check(Path file) throws IOException {
    PosixFileAttributes attributes = readAttributes(file);

    if (attributes.isSymbolicLink()) {
      throw new UnsafeFileException(
          file, "is a symbolic link", "point keyrun at the file itself, not at a link to it");
    }
    if (!attributes.isRegularFile()) {
      throw new UnsafeFileException(file, "is not a regular file", null);
    }

    int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int user = Posix.effectiveUid();
    if (owner != user) {
      throw new UnsafeFileException(
          file,
          "is owned by uid " + owner + ", not by the current user (uid " + user + ")",
          "chown it to yourself, or move the values into a store");
    }

    Set<PosixFilePermission> permissions = attributes.permissions();
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new UnsafeFileException(
          file,
          "is accessible to group or others (mode " + octal(permissions) + ")",
          "chmod 600 " + file + ", or move the values into a store");
    }
    return attributes;
  }

  private static PosixFileAttributes readAttributes(Path file) throws IOException {
    try {
      return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      throw new UnsafeFileException(
          file,
          "is on a file system without POSIX permissions, so its privacy cannot be checked",
          "move it to a POSIX file system, or move the values into a store");
    }
  }

  /** Formats permissions as a four-digit octal mode such as {@code 0644}. */
  public static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      mode |= 1 << (8 - permission.ordinal());
    }
    return String.format("0%03o", mode);
  }

  /** A file that exists but must not be trusted with plaintext secrets. */
  public static final class UnsafeFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String hint;

    UnsafeFileException(Path file, String problem, String hint) {
      super(file + ": " + problem);
      this.problem = problem;
      this.hint = hint;
    }

    public String problem() {
      return problem;
    }

    public String hint() {
      return hint;
    }
  }
}
