package dev.keyrun.e2e;

import java.nio.file.Path;
import java.util.Map;

/** Runs keyrun as a child process through {@link Keyrun}, for tests in other packages. */
public final class KeyrunProcess {
  private KeyrunProcess() {}

  /** What a finished keyrun did: its exit status, the bytes on stdout and the text on stderr. */
  public record Result(int status, byte[] stdout, String stderr) {}

  /**
   * Runs keyrun with {@code arguments} in {@code directory}, in the test JVM's environment with
   * {@code environment} added, and waits for it at most 60 s.
   */
  public static Result run(Path directory, Map<String, String> environment, String... arguments)
      throws Exception {
    Keyrun keyrun = Keyrun.in(directory).args(arguments);
    environment.forEach(keyrun::env);
    Keyrun.Result result = keyrun.run();
    return new Result(result.status(), result.stdoutBytes(), result.stderr());
  }
}
