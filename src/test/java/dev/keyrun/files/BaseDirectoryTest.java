package dev.keyrun.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseDirectoryTest {
  private static final Path SHARED_MEMORY = Path.of("/dev/shm");

  @TempDir Path temp;

  private static boolean isTmpfs(Path path) throws IOException {
    return Files.exists(path) && "tmpfs".equals(Files.getFileStore(path).type());
  }

  private static Map<String, byte[]> runtimeDirectory(String value) {
    return Map.of("XDG_RUNTIME_DIR", value.getBytes(StandardCharsets.UTF_8));
  }

  private Path privateDirectory(String name) throws IOException {
    return Files.createDirectory(
        temp.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** Makes a directory under /dev/shm for one test, which the test deletes again. */
  private static Path sharedMemoryDirectory() throws IOException {
    return Files.createDirectory(
        SHARED_MEMORY.resolve("keyrun-test-" + UUID.randomUUID()),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @Test
  void prepareCreatesMissingBaseWithMode0700() throws IOException {
    Path base = temp.resolve("keyrun");

    BaseDirectory.prepare(base);

    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(base, LinkOption.NOFOLLOW_LINKS)));
  }

  @Test
  void prepareAcceptsExistingPrivateBase() throws IOException {
    Path base = privateDirectory("keyrun");
    Files.write(base.resolve("unrelated"), new byte[] {1});

    BaseDirectory.prepare(base);

    assertTrue(Files.exists(base.resolve("unrelated")));
  }

  @Test
  void prepareRejectsSymbolicLink() throws IOException {
    Path target = privateDirectory("target");
    Path base = Files.createSymbolicLink(temp.resolve("keyrun"), target);

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> SecretDirectory.createIn(base, false));

    assertEquals(base.toString(), failure.subject());
    assertTrue(failure.problem().contains("symbolic link"), failure.problem());
    assertTrue(Files.isSymbolicLink(base));
    try (Stream<Path> entries = Files.list(target)) {
      assertEquals(0, entries.count(), "nothing is created through the link");
    }
  }

  @Test
  void prepareRejectsGroupWritableBase() throws IOException {
    Path base = Files.createDirectory(temp.resolve("keyrun"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwx---"));

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> SecretDirectory.createIn(base, false));

    assertEquals(base.toString(), failure.subject());
    assertTrue(failure.problem().contains("group or others (mode 0770)"), failure.problem());
    assertTrue(failure.hint().contains("chmod 700 " + base), failure.hint());
  }

  @Test
  void prepareRejectsWorldReadableBase() throws IOException {
    Path base = Files.createDirectory(temp.resolve("keyrun"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx---r-x"));

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> BaseDirectory.prepare(base));

    assertTrue(failure.problem().contains("mode 0705"), failure.problem());
  }

  @Test
  void prepareRejectsRegularFile() throws IOException {
    Path base = Files.write(temp.resolve("keyrun"), new byte[] {1});

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> BaseDirectory.prepare(base));

    assertEquals(base.toString(), failure.subject());
    assertEquals("is not a directory", failure.problem());
  }

  @Test
  void prepareRejectsBaseOfOtherUser() throws IOException {
    assumeTrue(Posix.effectiveUid() == 0, "only root can hand a directory to another user");
    Path base = privateDirectory("keyrun");
    Files.setAttribute(base, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> SecretDirectory.createIn(base, false));

    assertEquals(base.toString(), failure.subject());
    assertTrue(failure.problem().contains("owned by uid 65534"), failure.problem());
  }

  @Test
  void createRejectsBaseOnDisk() throws IOException {
    assumeFalse(isTmpfs(temp), "the temporary directory is on tmpfs");
    Path base = temp.resolve("keyrun");

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> SecretDirectory.createIn(base, true));

    assertEquals(base.toString(), failure.subject());
    assertTrue(failure.problem().startsWith("is not on a memory file system"), failure.problem());
    assertTrue(failure.problem().contains(temp + " is on "), failure.problem());
    assertTrue(failure.hint().contains("XDG_RUNTIME_DIR"), failure.hint());
    assertFalse(Files.exists(base, LinkOption.NOFOLLOW_LINKS), "nothing is created on disk");
  }

  @Test
  void createWorksOnSharedMemory() throws IOException {
    assumeTrue(isTmpfs(SHARED_MEMORY), "/dev/shm is not tmpfs here");
    Path sandbox = sharedMemoryDirectory();
    try {
      SecretDirectory directory = SecretDirectory.createIn(sandbox.resolve("keyrun"), true);
      Path file = directory.write("TOKEN", new byte[] {0, 1, (byte) 0xff});

      assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, Files.readAllBytes(file));
      assertEquals("tmpfs", Files.getFileStore(file).type());

      directory.remove();
      assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
    } finally {
      RunDirectories.delete(sandbox);
    }
  }

  @Test
  void locateUsesRuntimeDirectoryOnTmpfs() throws IOException {
    assumeTrue(isTmpfs(SHARED_MEMORY), "/dev/shm is not tmpfs here");
    Path runtime = sharedMemoryDirectory();
    try {
      Path base = BaseDirectory.locate(runtimeDirectory(runtime.toString()), temp);

      assertEquals(runtime.resolve("keyrun"), base);
      assertFalse(Files.exists(base), "locate creates nothing");
    } finally {
      RunDirectories.delete(runtime);
    }
  }

  @Test
  void locateFallsBackToSharedMemory() throws IOException {
    assumeTrue(isTmpfs(SHARED_MEMORY), "/dev/shm is not tmpfs here");
    assumeFalse(isTmpfs(temp), "the temporary directory is on tmpfs");
    Path expected = SHARED_MEMORY.resolve("keyrun-" + Posix.effectiveUid());

    assertEquals(expected, BaseDirectory.locate(Map.of(), SHARED_MEMORY));
    assertEquals(expected, BaseDirectory.locate(runtimeDirectory(""), SHARED_MEMORY));
    assertEquals(expected, BaseDirectory.locate(runtimeDirectory("run/user"), SHARED_MEMORY));
    assertEquals(expected, BaseDirectory.locate(runtimeDirectory(temp.toString()), SHARED_MEMORY));
    assertEquals(
        expected,
        BaseDirectory.locate(
            Map.of("XDG_RUNTIME_DIR", new byte[] {'/', (byte) 0xff}), SHARED_MEMORY));
  }

  @Test
  void locateRejectsWhenNoMemoryFileSystem() throws IOException {
    assumeFalse(isTmpfs(temp), "the temporary directory is on tmpfs");
    Path missing = temp.resolve("no-shm");

    KeyrunException failure =
        assertThrows(
            KeyrunException.class,
            () -> BaseDirectory.locate(runtimeDirectory(temp.toString()), missing));

    assertEquals("secret files", failure.subject());
    assertTrue(failure.problem().startsWith("no memory file system found"), failure.problem());
    assertTrue(failure.problem().contains("XDG_RUNTIME_DIR (" + temp + ") is on "));
    assertTrue(failure.problem().contains(missing + " does not exist"), failure.problem());
    assertTrue(failure.hint().contains("macOS"), failure.hint());
  }

  @Test
  void locateNamesUnsetRuntimeDirectory() throws IOException {
    assumeFalse(isTmpfs(temp), "the temporary directory is on tmpfs");

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> BaseDirectory.locate(Map.of(), temp));

    assertTrue(failure.problem().contains("XDG_RUNTIME_DIR is not set"), failure.problem());
    assertTrue(failure.problem().contains(temp + " is on "), failure.problem());
  }
}
