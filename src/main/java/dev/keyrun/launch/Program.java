package dev.keyrun.launch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A program to start, as exact bytes: its path, its argv and its environment entries.
 *
 * @param path the located program
 * @param argv the arguments, argv[0] as the user wrote the command
 * @param environment the {@code NAME=VALUE} entries
 */
record Program(byte[] path, List<byte[]> argv, List<byte[]> environment) {
  private static final byte[] SHELL = "/bin/sh".getBytes(StandardCharsets.UTF_8);

  NativeArguments layout() {
    return new NativeArguments(path, argv, environment);
  }

  /**
   * Returns the same program run by {@code /bin/sh}, as execvp and env(1) do for an executable file
   * without a #! line, which execve rejects with ENOEXEC.
   */
  Program viaShell() {
    List<byte[]> shellArgv = new ArrayList<>();
    shellArgv.add(SHELL);
    shellArgv.add(path);
    shellArgv.addAll(argv.subList(1, argv.size()));
    return new Program(SHELL, shellArgv, environment);
  }
}
