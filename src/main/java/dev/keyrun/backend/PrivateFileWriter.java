package dev.keyrun.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file that contains plaintext secrets in one atomic step, so that a reader sees either
 * the old content or the new one, and the new content never has group or other permission bits.
 *
 * <p>The content goes to a temporary file in the same directory, which the system call that creates
 * it already gives mode 600 (or less, under a strict umask). It is synced to disk and then renamed
 * over the file, and the directory is synced after the rename. The rename replaces a symbolic link
 * at the target path instead of following it. A failure at any step deletes the temporary file.
 */
public final class PrivateFileWriter {

  public static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFileWriter() {}

  /**
   * Writes {@code content} to {@code file}, creating missing parent directories with mode 700.
   *
   * @param permissions the file's mode, which must grant nothing to group or others
   */
  public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    if (!DIRECTORY_MODE.containsAll(permissions)) {
      throw new IllegalArgumentException("permissions must grant nothing to group or others");
    }

    createDirectory(file);
    // The umask may have removed bits at creation, and an existing file's mode is kept.
    replace(file, content, view -> view.setPermissions(permissions));
  }

  /** A change to the temporary file's attributes, made after the content is written. */
  public interface AttributeChange {
    void apply(PosixFileAttributeView view) throws IOException;
  }

  /**
   * Replaces {@code file}, whose directory exists, with {@code content} through a temporary file of
   * mode 600 that {@code change} may adjust before the rename.
   */
  public static void replace(Path file, byte[] content, AttributeChange change) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary =
        Files.createTempFile(
            directory, "." + file.getFileName() + ".", ".tmp", asAttribute(FILE_MODE));

    try {
      writeAndSync(temporary, content);
      change.apply(
          Files.getFileAttributeView(
              temporary, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS));
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(temporary, e);
      throw e;
    }
    syncDirectory(directory);
  }

  /** Creates the directory of {@code file} and missing parents with mode 700; returns it. */
  static Path createDirectory(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory, asAttribute(DIRECTORY_MODE));
    return directory;
  }

  private static void writeAndSync(Path temporary, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(temporary, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Syncs the directory entry of the rename, so that a power failure cannot undo it. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename itself has happened.
    }
  }

  private static void deleteAfterFailure(Path temporary, Exception failure) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> asAttribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
