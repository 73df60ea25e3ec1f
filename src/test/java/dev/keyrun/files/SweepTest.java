package dev.keyrun.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  private static final String SUFFIX = "0123456789abcdef";

  @TempDir Path temp;

  private Path base;

  @BeforeEach
  void createBase() {
    base = temp.resolve("keyrun");
    BaseDirectory.prepare(base);
  }

  /** Returns the pid of a process that has ended and been reaped. */
  private static long endedPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  /** Reads the start time of {@code pid}, field 22 of /proc/<pid>/stat. */
  private static long startTimeOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    return Long.parseLong(afterName.split(" ")[19]);
  }

  private Path runDirectory(long pid, long startTime) throws IOException {
    return runDirectory(pid, startTime, SUFFIX);
  }

  private Path runDirectory(long pid, long startTime, String suffix) throws IOException {
    Path directory = base.resolve("run-" + pid + "-" + startTime + "-" + suffix);
    Files.createDirectory(directory);
    Path file = Files.write(directory.resolve("TOKEN"), new byte[] {0, 1, 2});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    return directory;
  }

  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void sweepRemovesDirectoryOfEndedProcess() throws Exception {
    Path leftover = runDirectory(endedPid(), 12345);

    assertEquals(1, SecretDirectory.sweep(base));

    assertFalse(exists(leftover));
  }

  @Test
  void sweepKeepsDirectoryOfRunningOwner() throws Exception {
    long pid = ProcessHandle.current().pid();
    Path live = runDirectory(pid, startTimeOf(pid));

    assertEquals(0, SecretDirectory.sweep(base));

    assertTrue(exists(live.resolve("TOKEN")));
  }

  @Test
  void sweepKeepsDirectoryMadeByCreate() {
    SecretDirectory directory = SecretDirectory.createIn(base, false);

    assertEquals(0, SecretDirectory.sweep(base));

    assertTrue(exists(directory.path()));
  }

  @Test
  void sweepRemovesDirectoryOfReusedPid() throws Exception {
    long pid = ProcessHandle.current().pid();
    Path stale = runDirectory(pid, startTimeOf(pid) + 1);

    assertEquals(1, SecretDirectory.sweep(base));

    assertFalse(exists(stale));
  }

  @Test
  void sweepLeavesUnrelatedEntries() throws Exception {
    long ended = endedPid();
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.write(outside.resolve("kept"), new byte[] {1});
    List<Path> unrelated = new ArrayList<>();
    unrelated.add(Files.createDirectory(base.resolve("notes")));
    unrelated.add(Files.createDirectory(base.resolve("run-" + ended)));
    unrelated.add(Files.createDirectory(base.resolve("run-" + ended + "-1-xyz")));
    unrelated.add(Files.createDirectory(base.resolve("run-" + ended + "-1-" + SUFFIX + "0")));
    unrelated.add(Files.createDirectory(base.resolve("run-0-1-" + SUFFIX)));
    unrelated.add(Files.createDirectory(base.resolve("run-99999999999-1-" + SUFFIX)));
    unrelated.add(
        Files.write(base.resolve("run-" + ended + "-1-" + "fedcba9876543210"), new byte[0]));
    unrelated.add(Files.createSymbolicLink(base.resolve("run-" + ended + "-2-" + SUFFIX), outside));

    assertEquals(0, SecretDirectory.sweep(base));

    for (Path entry : unrelated) {
      assertTrue(exists(entry), entry + " was removed");
    }
    assertTrue(exists(outside.resolve("kept")));
  }

  @Test
  void sweepLeavesDirectoryOfOtherUser() throws Exception {
    assumeTrue(Posix.effectiveUid() == 0, "only root can hand a directory to another user");
    Path foreign = runDirectory(endedPid(), 1);
    Files.setAttribute(foreign, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertEquals(0, SecretDirectory.sweep(base));

    assertTrue(exists(foreign.resolve("TOKEN")));
  }

  @Test
  void sweepOfMissingBaseRemovesNothing() {
    assertEquals(0, SecretDirectory.sweep(temp.resolve("missing")));
  }

  @Test
  void sweepRejectsSharedBase() throws IOException {
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));

    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> SecretDirectory.sweep(base));

    assertEquals(base.toString(), failure.subject());
  }

  @Test
  void concurrentSweepsRemoveEachDirectoryOnce() throws Exception {
    long ended = endedPid();
    int count = 200;
    for (int i = 0; i < count; i++) {
      Path directory = runDirectory(ended, i, String.format("%016x", i));
      for (int j = 0; j < 5; j++) {
        Files.write(directory.resolve("KEY_" + j), new byte[] {(byte) j});
      }
    }
    CountDownLatch start = new CountDownLatch(1);
    Callable<Integer> sweep =
        () -> {
          start.await();
          return SecretDirectory.sweep(base);
        };
    ExecutorService threads = Executors.newFixedThreadPool(3);
    int removed = 0;
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(threads.submit(sweep));
      }
      start.countDown();

      for (Future<Integer> result : results) {
        removed += result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertEquals(count, removed);
    try (Stream<Path> entries = Files.list(base)) {
      assertEquals(0, entries.count(), "run directories left in the base");
    }
  }
}
