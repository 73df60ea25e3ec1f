package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a store's command-line tool such as {@code security}: stdin from the given bytes or from
 * /dev/null (never keyrun's own stdin, which belongs to the child), stdout and stderr captured as
 * bytes, and the process killed when the deadline passes. Callers pass secrets through stdin, never
 * through the arguments, which every user can read in {@code ps}.
 */
public final class HelperProcess {
  private static final File DEV_NULL = new File("/dev/null");

  /** Tools still running, so that keyrun can end them before it gives up on a store. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private HelperProcess() {}

  /**
   * The exit status and output of a finished tool. stdout may contain a value, so no message uses
   * it.
   */
  public record Result(int exitCode, byte[] stdout, byte[] stderr) {

    /** Returns the first line of stderr, for messages about tools that never print values there. */
    public String firstErrorLine() {
      String text = new String(stderr, StandardCharsets.UTF_8).strip();
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public String toString() {
      return "Result[exit " + exitCode + ", " + stdout.length + " bytes of output]";
    }
  }

  /** The tool did not finish before the deadline and was killed. */
  public static final class TimedOut extends Exception {
    private static final long serialVersionUID = 1L;

    TimedOut(String program) {
      super(program + " timed out");
    }
  }

  /**
   * Runs {@code command} with {@code environment} and waits for it until {@code deadline}.
   *
   * @param environment the tool's environment: keyrun's own, as the store context has it
   * @param stdin the bytes to write to the tool's stdin, or null for /dev/null
   * @throws IOException when the program cannot be started, such as a missing file
   * @throws TimedOut when the deadline passed; the process and its descendants are killed
   */
  public static Result run(
      List<String> command, Map<String, byte[]> environment, byte[] stdin, Instant deadline)
      throws IOException, TimedOut {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> variables = builder.environment();
    variables.clear();
    environment.forEach((name, value) -> variables.put(name, new String(value, UTF_8)));
    if (stdin == null) {
      builder.redirectInput(DEV_NULL);
    }
    Process process = builder.start();
    RUNNING.add(process);

    CompletableFuture<byte[]> stdout = drain(process.getInputStream(), "stdout");
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream(), "stderr");
    if (stdin != null) {
      feed(process.getOutputStream(), stdin);
    }

    try {
      long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (!process.waitFor(remaining, TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new TimedOut(command.get(0));
      }
      return new Result(process.exitValue(), stdout.get(), stderr.get());
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    } catch (ExecutionException e) {
      throw new IOException("cannot read the output of " + command.get(0), e.getCause());
    } finally {
      RUNNING.remove(process);
    }
  }

  /**
   * Kills every tool still running. keyrun calls this when it stops waiting for a store, because it
   * then exits or execs, and a tool left behind could keep a Keychain prompt open.
   */
  public static void killRunning() {
    for (Process process : RUNNING) {
      kill(process);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static CompletableFuture<byte[]> drain(InputStream stream, String name) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                bytes.complete(stream.readAllBytes());
              } catch (IOException e) {
                bytes.completeExceptionally(e);
              }
            },
            "keyrun-helper-" + name);
    reader.setDaemon(true);
    reader.start();
    return bytes;
  }

  /**
   * Writes {@code input} on its own thread, so that a tool that does not read it blocks only that
   * thread.
   */
  private static void feed(OutputStream stream, byte[] input) {
    Thread writer =
        new Thread(
            () -> {
              try (stream) {
                stream.write(input);
              } catch (IOException e) {
                // The tool exited without reading all of it, and its exit status reports why.
              }
            },
            "keyrun-helper-stdin");
    writer.setDaemon(true);
    writer.start();
  }
}
