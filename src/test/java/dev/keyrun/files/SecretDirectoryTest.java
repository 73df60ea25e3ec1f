package dev.keyrun.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDirectoryTest {
  private static final byte[] AWKWARD_VALUE = {
    0, 'a', '\n', (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0, '\r', '\n', 'z', 0
  };

  @TempDir Path temp;

  private SecretDirectory createDirectory() {
    return SecretDirectory.createIn(temp.resolve("keyrun"), false);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  @Test
  void runDirectoryHasMode0700() throws IOException {
    SecretDirectory directory = createDirectory();

    assertEquals("rwx------", mode(directory.path()));
    assertEquals("rwx------", mode(temp.resolve("keyrun")));
    assertTrue(Files.isDirectory(directory.path(), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void runDirectoryNameCarriesPidAndStartTime() {
    long pid = ProcessHandle.current().pid();
    long startTime = RunOwner.startTime(pid).orElseThrow();

    String name = createDirectory().path().getFileName().toString();

    assertTrue(
        name.matches("run-" + pid + "-" + startTime + "-[0-9a-f]{16}"), "unexpected name " + name);
  }

  @Test
  void runDirectoriesGetDistinctNames() {
    Path first = createDirectory().path();
    Path second = createDirectory().path();

    assertFalse(first.equals(second));
    assertEquals(first.getParent(), second.getParent());
  }

  @Test
  void writeStoresExactBytesWithMode0400() throws IOException {
    SecretDirectory directory = createDirectory();

    Path file = directory.write("API_KEY", AWKWARD_VALUE);

    assertEquals(directory.path().resolve("API_KEY"), file);
    assertArrayEquals(AWKWARD_VALUE, Files.readAllBytes(file));
    assertEquals("r--------", mode(file));
    assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void writeStoresEmptyValue() throws IOException {
    Path file = createDirectory().write("EMPTY", new byte[0]);

    assertEquals(0, Files.size(file));
    assertEquals("r--------", mode(file));
  }

  @Test
  void writeStoresLargeValue() throws IOException {
    byte[] value = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 31);
    }

    Path file = createDirectory().write("BIG", value);

    assertArrayEquals(value, Files.readAllBytes(file));
  }

  @Test
  void writeRejectsInvalidNames() throws IOException {
    SecretDirectory directory = createDirectory();
    List<String> invalid =
        List.of("", "1KEY", "A-B", "A.B", ".", "..", "../x", "A/B", "a b", "KEY\n", "É", "KEY=1");

    for (String name : invalid) {
      KeyrunException failure =
          assertThrows(KeyrunException.class, () -> directory.write(name, new byte[] {1}), name);
      assertTrue(failure.problem().startsWith("invalid name"), failure.getMessage());
    }
    assertEquals(List.of(), list(directory.path()));
  }

  @Test
  void writeAcceptsVariableNames() throws IOException {
    SecretDirectory directory = createDirectory();

    for (String name : List.of("A", "_", "_private", "lower_case", "KEY_2", "a1B2")) {
      assertEquals(directory.path().resolve(name), directory.write(name, new byte[] {1}));
    }
  }

  @Test
  void writeRejectsSameNameTwice() throws IOException {
    SecretDirectory directory = createDirectory();
    directory.write("TOKEN", new byte[] {1, 2});

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> directory.write("TOKEN", new byte[] {3}));

    assertEquals("TOKEN", failure.subject());
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(directory.path().resolve("TOKEN")));
  }

  @Test
  void writeAfterRemoveFails() {
    SecretDirectory directory = createDirectory();
    directory.remove();

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> directory.write("TOKEN", new byte[] {1}));

    assertEquals(directory.path().toString(), failure.subject());
    assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void removeDeletesFilesAndDirectory() throws IOException {
    SecretDirectory directory = createDirectory();
    directory.write("ONE", new byte[] {1});
    directory.write("TWO", AWKWARD_VALUE);

    directory.remove();

    assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isDirectory(temp.resolve("keyrun")), "the base directory stays");
  }

  @Test
  void removeTwiceDoesNothing() {
    SecretDirectory directory = createDirectory();
    directory.remove();

    assertDoesNotThrow(directory::remove);
  }

  @Test
  void removeToleratesVanishedDirectory() throws IOException {
    SecretDirectory directory = createDirectory();
    Path file = directory.write("ONE", new byte[] {1});
    Files.delete(file);
    Files.delete(directory.path());

    assertDoesNotThrow(directory::remove);
  }

  @Test
  void removeDeletesReadOnlyDirectory() throws IOException {
    SecretDirectory directory = createDirectory();
    directory.write("ONE", new byte[] {1});
    Files.createDirectory(directory.path().resolve("made-by-command"));
    Files.write(directory.path().resolve("made-by-command").resolve("note"), new byte[] {1});
    Files.setPosixFilePermissions(directory.path(), PosixFilePermissions.fromString("r-x------"));

    directory.remove();

    assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void removeLeavesSymbolicLinkTargets() throws IOException {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path target = Files.write(outside.resolve("target"), new byte[] {7});
    SecretDirectory directory = createDirectory();
    Files.createSymbolicLink(directory.path().resolve("link"), outside);

    directory.remove();

    assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
  }

  @Test
  void removeFromTwoThreadsAtOnce() throws Exception {
    SecretDirectory directory = createDirectory();
    for (int i = 0; i < 50; i++) {
      directory.write("KEY_" + i, AWKWARD_VALUE);
    }
    CountDownLatch start = new CountDownLatch(1);
    Callable<Void> removal =
        () -> {
          start.await();
          directory.remove();
          return null;
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Void> first = threads.submit(removal);
      Future<Void> second = threads.submit(removal);
      start.countDown();

      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    assertFalse(Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS));
  }
}
