package dev.keyrun.importing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file in one atomic step and keeps its mode, and its owner and group where the user may
 * set them. The new content goes to a temporary file in the same directory, created with mode 600.
 * That file is synced and renamed over the original, and then the directory is synced. A failure
 * deletes the temporary file and leaves the original as it was.
 */
final class AtomicReplace {

  private AtomicReplace() {}

  static void replace(Path file, byte[] content) throws IOException {
    PosixFileAttributes original =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");

    try {
      writeAndSync(temporary, content);
      PosixFileAttributeView view =
          Files.getFileAttributeView(
              temporary, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      keepOwner(view, original);
      view.setPermissions(original.permissions());
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(directory);
  }

  /**
   * Gives the new file the original's owner and group. Only root may give a file away, and a user
   * may choose only among their own groups, so a refusal keeps the new file's defaults.
   */
  private static void keepOwner(PosixFileAttributeView view, PosixFileAttributes original) {
    try {
      view.setOwner(original.owner());
    } catch (IOException e) {
      // NOTE: a file owned by someone else becomes the user's own; its mode is kept.
    }
    try {
      view.setGroup(original.group());
    } catch (IOException e) {
      // The new file keeps the user's primary group.
    }
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
}
