package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateFileTest {

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------"})
  void ownerOnlyModeIsAccepted(String mode) throws IOException {
    Path file = write("secrets.env", "API_KEY=abc\n", mode);

    assertArrayEquals("API_KEY=abc\n".getBytes(UTF_8), PrivateFile.read(file));
  }

  @ParameterizedTest
  @CsvSource({"rw-r-----, 0640", "rw-r--r--, 0644", "rw----r--, 0604", "rw--w----, 0620"})
  void groupOrOtherModeIsRejected(String mode, String octal) throws IOException {
    Path file = write("secrets.env", "API_KEY=abc\n", mode);

    PrivateFile.UnsafeFileException failure =
        assertThrows(PrivateFile.UnsafeFileException.class, () -> PrivateFile.read(file));

    assertTrue(failure.problem().contains(octal), failure.problem());
    assertTrue(failure.hint().contains("chmod 600 " + file), failure.hint());
  }

  @Test
  void symlinkToPrivateFileIsRejected() throws IOException {
    Path target = write("secrets.env", "API_KEY=abc\n", "rw-------");
    Path link = Files.createSymbolicLink(directory.resolve("link.env"), target);

    PrivateFile.UnsafeFileException failure =
        assertThrows(PrivateFile.UnsafeFileException.class, () -> PrivateFile.read(link));

    assertTrue(failure.problem().contains("symbolic link"), failure.problem());
  }

  @Test
  void directoryIsRejected() throws IOException {
    Path store = Files.createDirectory(directory.resolve("store"));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwx------"));

    PrivateFile.UnsafeFileException failure =
        assertThrows(PrivateFile.UnsafeFileException.class, () -> PrivateFile.read(store));

    assertTrue(failure.problem().contains("not a regular file"), failure.problem());
  }

  @Test
  void missingFileThrowsNoSuchFile() {
    Path missing = directory.resolve("missing.env");

    assertThrows(NoSuchFileException.class, () -> PrivateFile.read(missing));
  }

  @Test
  void fileOfAnotherUserIsRejected() throws IOException {
    Path file = write("secrets.env", "API_KEY=abc\n", "rw-------");
    int ownUid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    assumeTrue(ownUid == 0, "changing a file's owner needs root");
    Files.setAttribute(file, "unix:uid", 12345, LinkOption.NOFOLLOW_LINKS);

    PrivateFile.UnsafeFileException failure =
        assertThrows(PrivateFile.UnsafeFileException.class, () -> PrivateFile.read(file));

    assertTrue(failure.problem().contains("uid 12345"), failure.problem());
  }

  @Test
  void rejectionMessageOmitsContent() throws IOException {
    Path file = write("secrets.env", "API_KEY=sk-live-abc\n", "rw-r--r--");

    PrivateFile.UnsafeFileException failure =
        assertThrows(PrivateFile.UnsafeFileException.class, () -> PrivateFile.read(file));

    assertTrue(failure.getMessage().startsWith(file.toString()), failure.getMessage());
    assertFalse(failure.getMessage().contains("sk-live-abc"), failure.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"rw-------, 0600", "r--------, 0400", "rwxr-x---, 0750", "rw-rw-rw-, 0666"})
  void octalFormatsMode(String mode, String octal) {
    assertEquals(octal, PrivateFile.octal(PosixFilePermissions.fromString(mode)));
  }

  private Path write(String name, String content, String mode) throws IOException {
    Path file = Files.writeString(directory.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
