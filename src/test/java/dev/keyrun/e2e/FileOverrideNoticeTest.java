package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key delivered as a file removes the inherited variable of the same name, and keyrun prints a
 * notice on stderr as it does when a declared key replaces an inherited variable.
 */
class FileOverrideNoticeTest {
  private static final String FILE_VALUE = "file-secret-9f3b21";
  private static final String OTHER_VALUE = "other-secret-4c8e07";
  private static final String STALE_VALUE = "stale-inherited-77aa15";
  private static final String CHECK =
      "printenv A >/dev/null && echo A-present || echo A-absent; test -r \"$A_FILE\" && echo A-file; exit 0";

  @TempDir Path directory;
  private Path runtime;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void prepare() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "needs /dev/shm");
    runtime =
        Files.createTempDirectory(
            Path.of("/dev/shm"),
            "keyrun-test-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    TestFiles.writePrivate(directory.resolve("a.txt"), FILE_VALUE);
    TestFiles.writePrivate(directory.resolve("b.txt"), OTHER_VALUE);
    TestFiles.writePrivate(
        directory.resolve(".env"),
        "A=file://"
            + directory.resolve("a.txt")
            + "\nB=file://"
            + directory.resolve("b.txt")
            + "\n");
  }

  @AfterEach
  void noValueInOutput() throws Exception {
    for (Keyrun.Result result : results) {
      for (String value : List.of(FILE_VALUE, OTHER_VALUE, STALE_VALUE)) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
    if (runtime != null) {
      new ProcessBuilder("rm", "-rf", runtime.toString()).start().waitFor();
    }
  }

  private Keyrun.Result run(Keyrun keyrun) throws Exception {
    Keyrun.Result result = keyrun.env("XDG_RUNTIME_DIR", runtime.toString()).run();
    results.add(result);
    return result;
  }

  @Test
  void fileDeliveryNamesRemovedVariable() throws Exception {
    Keyrun.Result result =
        run(
            Keyrun.in(directory)
                .env("A", STALE_VALUE)
                .unset("B")
                .args("--no-mask", "--file", "A", "--", "sh", "-c", CHECK));

    assertEquals(0, result.status(), result.stderr());
    assertEquals("A-absent\nA-file\n", result.stdout());
    assertEquals(
        "keyrun: notice: env files override inherited A: the command gets the value as a file"
            + " in A_FILE, not as a variable (--no-override keeps inherited values)\n",
        result.stderr());
  }

  @Test
  void severalKeysShareOneLine() throws Exception {
    Keyrun.Result result =
        run(
            Keyrun.in(directory)
                .env("A", STALE_VALUE)
                .env("B", STALE_VALUE)
                .args("--no-mask", "--as-files", "--", "true"));

    assertEquals(0, result.status(), result.stderr());
    assertEquals(
        "keyrun: notice: env files override inherited A, B: the command gets the values as files"
            + " in A_FILE, B_FILE, not as variables (--no-override keeps inherited values)\n",
        result.stderr());
  }

  @Test
  void noInheritedVariableNoNotice() throws Exception {
    Keyrun.Result result =
        run(
            Keyrun.in(directory)
                .unset("A")
                .unset("B")
                .args("--no-mask", "--file", "A", "--", "sh", "-c", CHECK));

    assertEquals(0, result.status(), result.stderr());
    assertEquals("A-absent\nA-file\n", result.stdout());
    assertEquals("", result.stderr());
  }

  @Test
  void noOverrideKeepsInheritedVariable() throws Exception {
    Keyrun.Result result =
        run(
            Keyrun.in(directory)
                .env("A", STALE_VALUE)
                .unset("B")
                .args("--no-mask", "--no-override", "--as-files", "--", "sh", "-c", CHECK));

    assertEquals(0, result.status(), result.stderr());
    assertEquals("A-present\n", result.stdout());
    assertFalse(result.stderr().contains("override"), result.stderr());
  }
}
