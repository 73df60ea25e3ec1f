package dev.keyrun.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the lines of a small text file for a scan, and skips what is not one. */
final class TextFile {
  /** Files larger than this are not scanned. */
  static final long MAX_BYTES = 1 << 20;

  private TextFile() {}

  /**
   * Returns the lines of {@code file}, or empty when it is not a regular file (a symbolic link is
   * not followed), is larger than {@link #MAX_BYTES}, contains a NUL byte (binary) or cannot be
   * read.
   */
  static Optional<List<String>> lines(Path file) {
    byte[] content;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty();
    }

    for (byte b : content) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    return Optional.of(new String(content, StandardCharsets.UTF_8).lines().toList());
  }

  /**
   * Returns the content of {@code file}, a configuration or kernel file, decoded as UTF-8 with
   * invalid bytes replaced. A symbolic link is followed. It reads at most {@link #MAX_BYTES},
   * because files in /proc report a size of 0.
   *
   * <p>NOTE: a file replaced by a FIFO between the check and the open still blocks the read.
   *
   * @throws IOException when the file is not a regular file (a FIFO would block the read, and a
   *     device such as /dev/zero never ends), is larger than {@link #MAX_BYTES} or cannot be read
   */
  static String readRegular(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("not a regular file");
    }

    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (content.length > MAX_BYTES) {
      throw new IOException("larger than 1 MiB");
    }
    return new String(content, StandardCharsets.UTF_8);
  }
}
