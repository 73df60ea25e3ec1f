package dev.keyrun.doctor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code git -C DIRECTORY ...} for the doctor's checks. Every invocation is built in {@link
 * #run}: stdin from /dev/null, stderr discarded, a timeout, and only file names and options in
 * argv, never a value read from a file.
 */
public final class Git {
  /** The exit status and stdout of one git run. */
  public record Result(int status, String stdout) {}

  static final long TIMEOUT_SECONDS = 20;

  /**
   * The maximum size of one git run's output. The patches of an env file's history are far smaller,
   * so more output is not held in memory, and the check that asked for it is skipped.
   */
  static final int MAX_OUTPUT_BYTES = 64 << 20;

  /** The time all git runs of one doctor run may take together. */
  static final long TOTAL_TIMEOUT_SECONDS = 60;

  private static final File NULL_DEVICE = new File("/dev/null");

  private final String executable;
  private final Path directory;
  private final long timeoutNanos;
  private final long totalTimeoutNanos;
  private final long deadlineNanos;

  Git(String executable, Path directory) {
    this(executable, directory, TIMEOUT_SECONDS, TOTAL_TIMEOUT_SECONDS);
  }

  /** Creates a git whose runs may take {@code timeoutSeconds} each and {@code totalSeconds} all. */
  Git(String executable, Path directory, long timeoutSeconds, long totalSeconds) {
    this.executable = executable;
    this.directory = directory;
    this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
    this.totalTimeoutNanos = TimeUnit.SECONDS.toNanos(totalSeconds);
    this.deadlineNanos = System.nanoTime() + totalTimeoutNanos;
  }

  /**
   * Returns a git for {@code directory}, or the reason the git checks cannot run: git is missing,
   * or the directory is not inside a work tree.
   */
  static Availability open(String executable, Path directory) {
    Git git = new Git(executable, directory);
    try {
      Result inside = git.run("rev-parse", "--is-inside-work-tree");
      if (inside.status() != 0 || !inside.stdout().strip().equals("true")) {
        return new Availability(Optional.empty(), directory + " is not in a git repository");
      }
      return new Availability(Optional.of(git), "");
    } catch (IOException e) {
      return new Availability(Optional.empty(), "git could not run: " + e.getMessage());
    }
  }

  /** A git ready to use, or the reason there is none. */
  record Availability(Optional<Git> git, String reason) {}

  /**
   * Runs git with {@code arguments} and returns its status and stdout.
   *
   * @throws IOException when git cannot start or times out
   */
  Result run(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(executable, "-C", directory.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(NULL_DEVICE);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
    long runTimeoutNanos = timeoutNanos(arguments[0]);
    Process process = builder.start();

    // The wait covers the output too: a background child of git can keep stdout open after git
    // exits, and reading until EOF would then wait for that child.
    CompletableFuture<byte[]> stdout = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(process, stdout), "git-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      long runDeadline = System.nanoTime() + runTimeoutNanos;
      byte[] output = stdout.get(runTimeoutNanos, TimeUnit.NANOSECONDS);
      long left = Math.max(0, runDeadline - System.nanoTime());
      if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
        throw timedOut(process, arguments[0], runTimeoutNanos);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw timedOut(process, arguments[0], runTimeoutNanos);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git " + arguments[0] + " ran", e);
    } catch (ExecutionException e) {
      throw new IOException(
          "reading the output of git " + arguments[0] + " failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Returns the time one run may take: its own timeout, or what is left of the total. */
  private long timeoutNanos(String subcommand) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new IOException(
          "git "
              + subcommand
              + " was not run: git took "
              + TimeUnit.NANOSECONDS.toSeconds(totalTimeoutNanos)
              + "s in all");
    }
    return Math.min(left, timeoutNanos);
  }

  /** Stops git and its children, and returns the error that names the limit that applied. */
  private static IOException timedOut(Process process, String subcommand, long limitNanos) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    long seconds = Math.max(1, Math.round(limitNanos / 1e9));
    return new IOException("git " + subcommand + " timed out after " + seconds + "s");
  }

  /**
   * Reads git's stdout into {@code output} on a thread of its own, because a read that a background
   * child of git keeps blocked must not hold a shared pool's thread.
   */
  private static void read(Process process, CompletableFuture<byte[]> output) {
    try (InputStream in = process.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES + 1);
      if (bytes.length > MAX_OUTPUT_BYTES) {
        process.destroyForcibly();
        output.completeExceptionally(
            new IOException("its output is larger than " + (MAX_OUTPUT_BYTES >> 20) + " MiB"));
        return;
      }
      output.complete(bytes);
    } catch (IOException e) {
      output.completeExceptionally(e);
    }
  }
}
