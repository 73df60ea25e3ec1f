package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun set} with a terminal on stdin: it prompts twice without echo. util-linux {@code
 * script} gives keyrun a pseudo-terminal, and the test types each line only after its prompt shows,
 * so that echo is already off.
 */
class SetPromptTest {
  @TempDir Path directory;

  @BeforeEach
  void requireScript() {
    boolean found = false;
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= !entry.isEmpty() && Files.isExecutable(Path.of(entry, "script"));
    }
    Assumptions.assumeTrue(found, "script not found on PATH: install util-linux (bsdutils)");
  }

  private Path store() {
    return directory.resolve("store.env");
  }

  private Terminal startSet() throws IOException {
    Keyrun keyrun = Keyrun.in(directory).args("set", "dotenv:API_KEY");
    StringBuilder command = new StringBuilder();
    for (String word : keyrun.commandLine()) {
      command.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qec", command.toString().strip(), "/dev/null")
            .directory(directory.toFile())
            .redirectErrorStream(true);
    builder.environment().put("KEYRUN_DOTENV_STORE", store().toString());
    builder.environment().put("SHELL", "/bin/sh");
    return new Terminal(builder.start());
  }

  @Test
  void matchingEntriesAreStored() throws Exception {
    String value = "tty-ü-" + UUID.randomUUID();

    Terminal terminal = startSet();
    terminal.await("Value for dotenv:API_KEY: ");
    terminal.type(value);
    terminal.await("Repeat the value: ");
    terminal.type(value);
    int status = terminal.finish();
    Keyrun.Result read =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store().toString())
            .args("read", "-n", "dotenv:API_KEY")
            .run();

    assertEquals(0, status, terminal.output());
    assertTrue(terminal.output().contains("keyrun: stored dotenv:API_KEY"), terminal.output());
    assertFalse(terminal.output().contains(value), terminal.output());
    assertEquals(value, read.stdout());
  }

  @Test
  void differentEntriesStoreNothing() throws Exception {
    String first = "tty-first-" + UUID.randomUUID();
    String second = "tty-second-" + UUID.randomUUID();

    Terminal terminal = startSet();
    terminal.await("Value for dotenv:API_KEY: ");
    terminal.type(first);
    terminal.await("Repeat the value: ");
    terminal.type(second);
    int status = terminal.finish();

    assertEquals(125, status, terminal.output());
    assertTrue(terminal.output().contains("differ"), terminal.output());
    assertFalse(terminal.output().contains(first), terminal.output());
    assertFalse(terminal.output().contains(second), terminal.output());
    assertFalse(Files.exists(store()));
  }

  /** A process on a pseudo-terminal whose output is collected as it arrives. */
  private static final class Terminal {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    Terminal(Process process) {
      this.process = process;
      this.reader = new Thread(this::collect, "terminal-output");
      reader.setDaemon(true);
      reader.start();
    }

    private void collect() {
      byte[] buffer = new byte[4096];
      try (InputStream stream = process.getInputStream()) {
        int count;
        while ((count = stream.read(buffer)) >= 0) {
          synchronized (output) {
            output.write(buffer, 0, count);
            output.notifyAll();
          }
        }
      } catch (IOException e) {
        // The process ended; output() shows what arrived before.
      }
    }

    String output() {
      synchronized (output) {
        return output.toString(UTF_8);
      }
    }

    /** Waits up to 30 s for {@code text} to appear in the output, and fails if it does not. */
    void await(String text) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      synchronized (output) {
        while (!output.toString(UTF_8).contains(text)) {
          long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (remaining <= 0 || !process.isAlive() && !reader.isAlive()) {
            throw new AssertionError("no \"" + text + "\" in the terminal output: " + output);
          }
          output.wait(Math.min(remaining, 100));
        }
      }
    }

    void type(String line) throws IOException {
      OutputStream stdin = process.getOutputStream();
      stdin.write((line + "\n").getBytes(UTF_8));
      stdin.flush();
    }

    /** Waits up to 60 s for the process to exit and returns its status. */
    int finish() throws Exception {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("script did not finish within 60 s: " + output());
      }
      process.getOutputStream().close();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return process.exitValue();
    }
  }
}
