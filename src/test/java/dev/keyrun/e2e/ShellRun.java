package dev.keyrun.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs keyrun from a shell, for set-ups a ProcessBuilder cannot make (extra descriptors, sessions).
 */
final class ShellRun {
  private final Path directory;

  ShellRun(Path directory) {
    this.directory = directory;
  }

  Keyrun.Result run(String script) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", script).directory(directory.toFile()).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stdout = Keyrun.drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = Keyrun.drain(process.getErrorStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("shell did not finish within 60 s: " + script);
    }
    return new Keyrun.Result(
        process.exitValue(), stdout.get(), new String(stderr.get(), StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code command} as the leader of a new session and process group (setsid execs in place,
   * so the returned process's pid is the group id), as a terminal job would be.
   */
  Process startInNewSession(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    return new ProcessBuilder(full).directory(directory.toFile()).start();
  }
}
