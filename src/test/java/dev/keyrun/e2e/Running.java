package dev.keyrun.e2e;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A keyrun process started without waiting for it, with empty stdin and its output collected. */
final class Running {
  private final Keyrun keyrun;
  private final Process process;
  private final CompletableFuture<byte[]> stdout;
  private final CompletableFuture<byte[]> stderr;

  private Running(Keyrun keyrun, Process process) {
    this.keyrun = keyrun;
    this.process = process;
    this.stdout = Keyrun.drain(process.getInputStream());
    this.stderr = Keyrun.drain(process.getErrorStream());
  }

  static Running start(Keyrun keyrun) throws Exception {
    Process process = keyrun.start();
    process.getOutputStream().close();
    return new Running(keyrun, process);
  }

  /** Waits for the process to end (at most 60 s) and returns what it did. */
  Keyrun.Result finish() throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("keyrun did not finish within 60 s: " + keyrun.commandLine());
    }
    return new Keyrun.Result(
        process.exitValue(), stdout.get(), new String(stderr.get(), StandardCharsets.UTF_8));
  }
}
