package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets delivered as files: a private directory on a memory file system that keyrun removes on
 * every way out, and memory descriptors that let keyrun exec.
 */
class FileDeliveryTest {
  /** Bytes a text-mode reader would damage: NUL, CR LF, a trailing newline, non-UTF-8. */
  private static final byte[] VALUE = {'s', 'k', 0, '\r', '\n', (byte) 0xff, 'z', '\n'};

  @TempDir Path directory;
  private Path runtime;

  @BeforeEach
  void prepare() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "needs /dev/shm");
    runtime =
        Files.createTempDirectory(
            Path.of("/dev/shm"),
            "keyrun-test-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    TestFiles.write(directory.resolve("value.bin"), VALUE, "rw-------");
    TestFiles.writePrivate(
        directory.resolve(".env"),
        "KEY=file://" + directory.resolve("value.bin") + "\nPLAIN=visible-setting\n");
  }

  @AfterEach
  void removeRuntime() throws Exception {
    if (runtime != null) {
      new ProcessBuilder("rm", "-rf", runtime.toString()).start().waitFor();
    }
  }

  private Keyrun keyrun(String... arguments) {
    return Keyrun.in(directory).env("XDG_RUNTIME_DIR", runtime.toString()).args(arguments);
  }

  @Test
  void childReadsExactBytesFromBothPaths() throws Exception {
    String script =
        "cmp \"$CREDENTIALS_DIRECTORY/KEY\" value.bin && cmp \"$KEY_FILE\" value.bin"
            + " && echo same; printenv KEY || echo KEY-absent;"
            + " stat -c '%a %U' \"$KEY_FILE\" \"$CREDENTIALS_DIRECTORY\";"
            + " stat -f -c %T \"$CREDENTIALS_DIRECTORY\"; echo \"$CREDENTIALS_DIRECTORY\"";
    Keyrun.Result result = keyrun("--as-files", "--", "sh", "-c", script).run();

    assertEquals(0, result.status(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals("same", lines.get(0), result.stdout());
    assertEquals("KEY-absent", lines.get(1));
    assertTrue(lines.get(2).startsWith("400 "), lines.get(2));
    assertTrue(lines.get(3).startsWith("700 "), lines.get(3));
    assertEquals("tmpfs", lines.get(4));
    assertTrue(lines.get(5).startsWith(runtime.resolve("keyrun").toString()), lines.get(5));
    assertFalse(Files.exists(Path.of(lines.get(5))), "directory left after exit 0");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void directoryIsRemovedWhateverTheExitStatus(int status) throws Exception {
    Keyrun.Result result =
        keyrun("--file", "KEY", "--", "sh", "-c", "echo \"$CREDENTIALS_DIRECTORY\"; exit " + status)
            .run();

    assertEquals(status, result.status(), result.stderr());
    Path files = Path.of(result.stdout().strip());
    assertTrue(files.startsWith(runtime), files.toString());
    assertFalse(Files.exists(files), "directory left after exit " + status);
  }

  @Test
  void directoryIsRemovedWhenKeyrunGetsTerm() throws Exception {
    Process process = startSleeper();
    Path files = awaitPath(directory.resolve("recorded"));
    assertTrue(Files.exists(files));

    process.toHandle().destroy();

    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "keyrun did not end after SIGTERM");
    assertEquals(143, process.exitValue());
    assertFalse(Files.exists(files), "directory left after SIGTERM");
  }

  @Test
  void nextRunSweepsDirectoryOfKilledKeyrun() throws Exception {
    Process process = startSleeper();
    Path files = awaitPath(directory.resolve("recorded"));
    List<ProcessHandle> children = process.toHandle().children().toList();

    process.toHandle().destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
    killAndAwait(children);
    assertTrue(Files.exists(files), "SIGKILL gave keyrun no chance to clean up");

    Keyrun.Result next = keyrun("--as-files", "--", "true").run();

    assertEquals(0, next.status(), next.stderr());
    assertFalse(Files.exists(files), "the next run left the killed run's directory");
  }

  @Test
  void sweepSparesDirectoryOfOrphanedCommand() throws Exception {
    Process process = startSleeper();
    Path files = awaitPath(directory.resolve("recorded"));
    List<ProcessHandle> children = process.toHandle().children().toList();
    process.toHandle().destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);

    Keyrun.Result whileCommandRuns = keyrun("--as-files", "--", "true").run();
    boolean keptWhileRunning = Files.exists(files.resolve("KEY"));
    killAndAwait(children);
    Keyrun.Result afterCommandEnded = keyrun("--as-files", "--", "true").run();

    assertEquals(0, whileCommandRuns.status(), whileCommandRuns.stderr());
    assertTrue(keptWhileRunning, "the sweep removed files the orphaned command still reads");
    assertEquals(0, afterCommandEnded.status(), afterCommandEnded.stderr());
    assertFalse(Files.exists(files), "the directory outlived its command");
  }

  @Test
  void memoryFilesKeepThePidAndReadTwice() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "memfd_create is Linux's");
    Process process =
        keyrun(
                "--as-files",
                "--memfd",
                "--no-mask",
                "--",
                "sh",
                "-c",
                "echo $$; echo \"$KEY_FILE\"; cat \"$KEY_FILE\" \"$KEY_FILE\";"
                    + " echo \"${CREDENTIALS_DIRECTORY:-unset}\"")
            .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), stderr);

    String text = new String(output, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\n", 3);
    assertEquals(String.valueOf(process.pid()), lines[0], "the child must keep keyrun's PID");
    assertTrue(lines[1].matches("/proc/" + process.pid() + "/fd/[0-9]+"), lines[1]);
    String value = new String(VALUE, StandardCharsets.ISO_8859_1);
    assertEquals(value + value + "unset\n", lines[2]);
  }

  @Test
  void systemdCredentialsBecomeFilesUnlessAskedOtherwise() throws Exception {
    Path credentials = Files.createDirectory(directory.resolve("credentials"));
    TestFiles.write(credentials.resolve("db"), "hunter2-credential", "r--------");
    TestFiles.writePrivate(directory.resolve(".env"), "DB=systemd-creds://db\n");
    String script = "cat \"$DB_FILE\"; echo; printenv DB || echo DB-absent";

    Keyrun.Result files =
        keyrun("--no-mask", "--", "sh", "-c", script)
            .env("CREDENTIALS_DIRECTORY", credentials.toString())
            .run();
    Keyrun.Result variable =
        keyrun("--no-mask", "--as-env", "DB", "--", "printenv", "DB")
            .env("CREDENTIALS_DIRECTORY", credentials.toString())
            .run();

    assertEquals("hunter2-credential\nDB-absent\n", files.stdout(), files.stderr());
    assertEquals("hunter2-credential\n", variable.stdout(), variable.stderr());
    assertTrue(variable.stderr().contains("/proc/PID/environ"), variable.stderr());
  }

  @Test
  void fileOfUnknownKeyIsRejected() throws Exception {
    Keyrun.Result result = keyrun("--file", "NOPE", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --file NOPE: "), result.stderr());
  }

  @Test
  void memfdWithoutFilesIsRejected() throws Exception {
    Keyrun.Result result = keyrun("--memfd", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --memfd: "), result.stderr());
  }

  @Test
  void declaredFileVariableClashIsRejected() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "KEY=abcdefgh\nKEY_FILE=/etc/hostname\n");

    Keyrun.Result result = keyrun("--file", "KEY", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: KEY_FILE: "), result.stderr());
  }

  @Test
  void largeAndBinaryValuesFitInFiles() throws Exception {
    byte[] large = new byte[512 * 1024];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) i;
    }
    TestFiles.write(directory.resolve("large.bin"), large, "rw-------");
    TestFiles.writePrivate(
        directory.resolve(".env"), "BIG=file://" + directory.resolve("large.bin") + "\n");

    Keyrun.Result result =
        keyrun("--file", "BIG", "--no-mask", "--", "sh", "-c", "cmp \"$BIG_FILE\" large.bin").run();

    assertEquals(0, result.status(), result.stderr());
  }

  /** Starts keyrun with a command that records its secret directory, then sleeps. */
  private Process startSleeper() throws Exception {
    return keyrun(
            "--as-files",
            "--",
            "sh",
            "-c",
            "echo \"$CREDENTIALS_DIRECTORY\" > recorded.tmp; mv recorded.tmp recorded;"
                + " exec sleep 30")
        .start();
  }

  private static void killAndAwait(List<ProcessHandle> processes) throws Exception {
    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : processes) {
      process.onExit().get(20, TimeUnit.SECONDS);
    }
  }

  private static Path awaitPath(Path recorded) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(recorded)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child never wrote " + recorded);
      }
      Thread.sleep(20);
    }
    return Path.of(Files.readString(recorded).strip());
  }
}
