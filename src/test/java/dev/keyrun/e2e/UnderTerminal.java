package dev.keyrun.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs keyrun with a pseudo-terminal as stdin, stdout and stderr, made by util-linux {@code
 * script}, as when a user types the command. The output ends with {@code status=N}, keyrun's exit
 * status.
 */
final class UnderTerminal {
  private UnderTerminal() {}

  static void assumeScript() {
    boolean found = false;
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= !entry.isEmpty() && Files.isExecutable(Path.of(entry, "script"));
    }
    Assumptions.assumeTrue(found, "script not found on PATH: install util-linux (bsdutils)");
  }

  /** Runs {@code keyrun} on a terminal and returns everything the terminal showed. */
  static String output(Path directory, Keyrun keyrun) throws Exception {
    StringBuilder command = new StringBuilder();
    for (String word : keyrun.commandLine()) {
      command.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    command.append("; echo status=$?");
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qec", command.toString(), "/dev/null")
            .directory(directory.toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(keyrun.environment());
    builder.environment().put("SHELL", "/bin/sh");
    Process process = builder.start();
    CompletableFuture<byte[]> output = Keyrun.drain(process.getInputStream());
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("keyrun did not finish on a terminal within 60 s");
    }
    return new String(output.get(), StandardCharsets.UTF_8);
  }
}
