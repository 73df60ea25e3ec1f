package dev.keyrun.importing;

import dev.keyrun.backend.PrivateFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file in one atomic step, as {@link PrivateFileWriter#replace} does, and keeps its
 * mode, and its owner and group where the user may set them. A failure leaves the original as it
 * was.
 */
final class AtomicReplace {

  private AtomicReplace() {}

  static void replace(Path file, byte[] content) throws IOException {
    PosixFileAttributes original =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    PrivateFileWriter.replace(
        file,
        content,
        view -> {
          keepOwner(view, original);
          view.setPermissions(original.permissions());
        });
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
}
