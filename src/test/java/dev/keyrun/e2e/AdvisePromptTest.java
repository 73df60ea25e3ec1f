package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun advise} on a real terminal: util-linux {@code script} runs keyrun on a new
 * pseudo-terminal and types the replies from its own stdin.
 */
class AdvisePromptTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir Path directory;

  private Keyrun.Result onTerminal(String replies, String... arguments) throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed");
    Keyrun keyrun = Keyrun.in(directory).env("HOME", directory.toString()).args(arguments);
    StringBuilder command = new StringBuilder();
    for (String word : keyrun.commandLine()) {
      command.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }

    Keyrun script =
        Keyrun.in(directory)
            .env("HOME", directory.toString())
            .args("-qec", command.toString(), "/dev/null")
            .input(replies);
    return script.runProgram(List.of(SCRIPT.toString()));
  }

  @Test
  void terminalAsksUnansweredQuestions() throws Exception {
    Keyrun.Result result = onTerminal("n\ny\n", "advise", "--not-internet-facing");

    assertEquals(0, result.status(), result.stdout());
    String output = result.stdout();
    assertTrue(output.contains("unknown sources? [y/N]"), output);
    assertTrue(output.contains("rotated often? [y/N]"), output);
    assertFalse(output.contains("reachable from the internet?"), output);
    assertTrue(output.contains("keys on several machines: several (prompt)"), output);
    assertTrue(output.contains("internet-facing: no (flag)"), output);
    assertTrue(output.contains("recommendation: many-machines"), output);
  }

  @Test
  void invalidReplyIsAskedAgain() throws Exception {
    Keyrun.Result result = onTerminal("maybe\ny\n\n\n", "advise");

    assertEquals(0, result.status(), result.stdout());
    String output = result.stdout();
    assertTrue(output.contains("keyrun: advise: invalid reply, expected y or n"), output);
    assertTrue(output.contains("shared machine: shared (prompt)"), output);
  }
}
