package dev.keyrun.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryFilesTest {
  private static final int F_GETFD = 1;
  private static final int FD_CLOEXEC = 1;

  private static final byte[] AWKWARD_VALUE = {
    0, 'a', '\n', (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0, '\r', '\n', 'z', 0
  };

  private MemoryFiles files;

  @BeforeEach
  void requireMemoryFiles() {
    assumeTrue(MemoryFiles.available(), "memfd_create is not available here");
    files = new MemoryFiles();
  }

  @AfterEach
  void closeFiles() {
    if (files != null) {
      files.close();
    }
  }

  private static int descriptorOf(String path) {
    return Integer.parseInt(Path.of(path).getFileName().toString());
  }

  /** Returns what descriptor {@code fd} of this process refers to, or null if it is closed. */
  private static String target(int fd) throws IOException {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Test
  void pathNamesKeyrunPidAndDescriptor() throws IOException {
    String path = files.create("API_KEY", AWKWARD_VALUE);

    int fd = descriptorOf(path);
    assertEquals("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd, path);
    assertTrue(target(fd).startsWith("/memfd:keyrun:API_KEY"), target(fd));
  }

  @Test
  void readsReturnExactBytesEachTime() throws IOException {
    String path = files.create("API_KEY", AWKWARD_VALUE);

    assertArrayEquals(AWKWARD_VALUE, Files.readAllBytes(Path.of(path)));
    assertArrayEquals(AWKWARD_VALUE, Files.readAllBytes(Path.of(path)));
  }

  @Test
  void childProcessReadsExactBytesTwice() throws Exception {
    String path = files.create("API_KEY", AWKWARD_VALUE);

    Process cat = new ProcessBuilder("cat", path, path).redirectErrorStream(true).start();
    byte[] output = cat.getInputStream().readAllBytes();
    assertTrue(cat.waitFor(30, TimeUnit.SECONDS));

    assertEquals(0, cat.exitValue(), new String(output));
    byte[] expected = new byte[AWKWARD_VALUE.length * 2];
    System.arraycopy(AWKWARD_VALUE, 0, expected, 0, AWKWARD_VALUE.length);
    System.arraycopy(AWKWARD_VALUE, 0, expected, AWKWARD_VALUE.length, AWKWARD_VALUE.length);
    assertArrayEquals(expected, output);
  }

  @Test
  void storesEmptyAndLargeValues() throws IOException {
    byte[] large = new byte[5 * 1024 * 1024 + 3];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 7 + 1);
    }

    String empty = files.create("EMPTY", new byte[0]);
    String big = files.create("BIG", large);

    assertArrayEquals(new byte[0], Files.readAllBytes(Path.of(empty)));
    assertArrayEquals(large, Files.readAllBytes(Path.of(big)));
  }

  @Test
  void fileIsSealedAgainstChanges() throws IOException {
    String path = files.create("API_KEY", AWKWARD_VALUE);
    Path file = Path.of(path);

    assertThrows(
        IOException.class,
        () -> {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'X'}));
          }
        });
    assertThrows(
        IOException.class, () -> Files.write(file, new byte[] {'X'}, StandardOpenOption.APPEND));
    assertThrows(
        IOException.class,
        () -> Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING));

    assertArrayEquals(AWKWARD_VALUE, Files.readAllBytes(file));
  }

  @Test
  void fileCarriesEverySeal() {
    int fd = descriptorOf(files.create("API_KEY", AWKWARD_VALUE));

    int seals = LibC.INSTANCE.fcntl(fd, MemoryFiles.F_GET_SEALS, 0);

    assertEquals(MemoryFiles.ALL_SEALS, seals);
  }

  @Test
  void descriptorsStayOpenAcrossExec() {
    String first = files.create("FIRST", new byte[] {1});
    String second = files.create("SECOND", new byte[] {2});

    Set<Integer> descriptors = files.descriptors();

    assertEquals(Set.of(descriptorOf(first), descriptorOf(second)), descriptors);
    for (int fd : descriptors) {
      int flags = LibC.INSTANCE.fcntl(fd, F_GETFD, 0);
      assertTrue(flags >= 0, "descriptor " + fd + " is not open");
      assertEquals(0, flags & FD_CLOEXEC, "descriptor " + fd + " is close-on-exec");
    }
  }

  @Test
  void closeClosesDescriptors() throws IOException {
    int first = descriptorOf(files.create("FIRST", new byte[] {1}));
    int second = descriptorOf(files.create("SECOND", new byte[] {2}));

    files.close();
    files.close();

    assertEquals(Set.of(), files.descriptors());
    for (int fd : List.of(first, second)) {
      String target = target(fd);
      assertFalse(
          target != null && target.startsWith("/memfd:keyrun:"), fd + " still refers to " + target);
    }
  }

  @Test
  void invalidNameCreatesNoDescriptor() {
    for (String name : List.of("", "1KEY", "A/B", "A B", "KEY=1")) {
      KeyrunException failure =
          assertThrows(KeyrunException.class, () -> files.create(name, new byte[] {1}), name);
      assertTrue(failure.problem().startsWith("invalid name"), failure.getMessage());
    }

    assertEquals(Set.of(), files.descriptors());
  }

  @Test
  void longNameIsAccepted() throws IOException {
    String name = "K".repeat(400);

    String path = files.create(name, AWKWARD_VALUE);

    assertArrayEquals(AWKWARD_VALUE, Files.readAllBytes(Path.of(path)));
  }
}
