package dev.keyrun.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes test files with an explicit mode, since a plain-value env file must be private. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path file, String content, String mode) throws IOException {
    return write(file, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  static Path write(Path file, byte[] content, String mode) throws IOException {
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  static Path writePrivate(Path file, String content) throws IOException {
    return write(file, content, "rw-------");
  }
}
