package dev.keyrun.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Reads a whole file of at most {@link #MAX_BYTES}. keyrun's inputs (env files, store files, secret
 * files) are small, so a larger file, or an endless one such as /dev/zero, is a mistake to report
 * instead of a reason to run out of memory.
 */
public final class BoundedRead {
  /** 1 MiB: far above any environment variable a system accepts (Linux: 128 KiB each). */
  public static final int MAX_BYTES = 1 << 20;

  private BoundedRead() {}

  /**
   * Returns the bytes of {@code file}.
   *
   * @throws TooLargeException when the file contains more than {@link #MAX_BYTES}
   */
  public static byte[] read(Path file, OpenOption... options) throws IOException {
    try (InputStream input = Files.newInputStream(file, options)) {
      byte[] content = input.readNBytes(MAX_BYTES + 1);
      if (content.length > MAX_BYTES) {
        throw new TooLargeException(file);
      }
      return content;
    }
  }

  /**
   * Returns the bytes of {@code file}, which must be a regular file (a link to one is followed): a
   * named pipe would block the read until someone writes to it, and a device may never end.
   *
   * @throws IOException when it cannot be read, is not a regular file, or is larger than {@link
   *     #MAX_BYTES}
   */
  public static byte[] readRegular(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException("not a regular file");
    }
    return read(file);
  }

  /** A file larger than keyrun reads. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(Path file) {
      super(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
    }
  }
}
