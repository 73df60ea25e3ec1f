package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time and output limits of the git runs of one doctor run. */
class GitTimeoutTest {
  @TempDir Path directory;

  @Test
  void quickGitReturnsItsOutput() throws Exception {
    Path git = script("echo true\n");

    Git.Result result = new Git(git.toString(), directory, 5, 10).run("rev-parse");

    assertEquals(0, result.status());
    assertEquals("true\n", result.stdout());
  }

  @Test
  void gitHoldingStdoutTimesOut() throws Exception {
    Path git = script("sleep 30 &\nsleep 3\necho done\n");

    IOException failure =
        assertThrows(IOException.class, () -> new Git(git.toString(), directory, 1, 10).run("log"));

    assertEquals("git log timed out after 1s", failure.getMessage());
  }

  @Test
  void runsStopWhenTotalIsSpent() throws Exception {
    Path git = script("sleep 30 &\nsleep 3\necho done\n");
    Git limited = new Git(git.toString(), directory, 1, 1);

    assertThrows(IOException.class, () -> limited.run("log"));
    IOException second = assertThrows(IOException.class, () -> limited.run("ls-files"));

    assertTrue(second.getMessage().startsWith("git ls-files "), second.getMessage());
  }

  @Test
  void outputPastLimitFails() throws Exception {
    Path git = script("head -c " + (Git.MAX_OUTPUT_BYTES + 10) + " /dev/zero\n");

    IOException failure =
        assertThrows(
            IOException.class, () -> new Git(git.toString(), directory, 20, 60).run("log"));

    assertEquals(
        "reading the output of git log failed: its output is larger than 64 MiB",
        failure.getMessage());
  }

  private Path script(String body) throws IOException {
    Path script = directory.resolve("git");
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
