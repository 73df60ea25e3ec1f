package dev.keyrun.launch;

import dev.keyrun.KeyrunException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the child in one of two ways. Exec mode replaces keyrun with the child through execve:
 * same pid, signals and exit status go straight to it, and no JVM stays in memory. Supervise mode
 * starts the child with posix_spawn, forwards signals, waits, and exits with the child's status.
 */
public final class Launcher {
  private Launcher() {}

  /**
   * Replaces this process with the command. Returns only by throwing.
   *
   * @param command the command and its arguments as given after {@code --}
   * @param environment the child's complete environment
   * @param callerEnvironment keyrun's own environment, whose LISTEN_FDS names descriptors to keep
   */
  public static void exec(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment) {
    NativeArguments arguments = prepare(command, environment, callerEnvironment);

    System.out.flush();
    System.err.flush();
    Posix.unblockAllSignals();

    int errno = Posix.execve(arguments);
    throw failure(command.get(0), errno);
  }

  /**
   * Runs the command as a child, forwarding signals, and returns keyrun's exit status: the child's
   * exit code, or 128+N when signal N killed it. When that signal ends a process without a core
   * dump (HUP, INT, KILL, PIPE, ALRM, TERM), keyrun ends itself by the same signal instead, which
   * its parent sees as the same status. keyrun never kills the child on its own.
   */
  public static int supervise(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment) {
    NativeArguments arguments = prepare(command, environment, callerEnvironment);

    SignalForwarder forwarder = new SignalForwarder();
    forwarder.arm();

    int pid;
    try {
      pid = Posix.spawn(arguments);
    } catch (Posix.LaunchFailure e) {
      throw failure(command.get(0), e.errno());
    } finally {
      arguments.wipe();
    }
    forwarder.attach(pid);

    int waitStatus = Posix.waitFor(pid);
    int signal = waitStatus & 0x7f;
    if (signal != 0 && Posix.terminatesWithoutCore(signal)) {
      Posix.dieBy(signal);
    }
    return Posix.exitStatus(waitStatus);
  }

  /** Finds the program, lays out its arguments and keeps the JVM's descriptors from the child. */
  private static NativeArguments prepare(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment) {
    Path program = CommandLocator.locate(command.get(0), environment);
    Descriptors.closeJvmDescriptorsOnExec(callerEnvironment);
    byte[] path = program.toString().getBytes(StandardCharsets.UTF_8);
    List<byte[]> argv = ProcessArguments.tail(command);
    return new NativeArguments(path, argv, entries(environment));
  }

  private static List<byte[]> entries(Map<String, byte[]> environment) {
    List<byte[]> entries = new ArrayList<>(environment.size());
    environment.forEach(
        (name, value) -> {
          byte[] key = name.getBytes(StandardCharsets.ISO_8859_1);
          byte[] entry = new byte[key.length + 1 + value.length];
          System.arraycopy(key, 0, entry, 0, key.length);
          entry[key.length] = '=';
          System.arraycopy(value, 0, entry, key.length + 1, value.length);
          entries.add(entry);
        });
    return entries;
  }

  private static KeyrunException failure(String command, int errno) {
    String reason = lowerFirst(Posix.describeError(errno));
    if (errno == Posix.ENOENT) {
      // The program exists (it was located), so what is missing is the interpreter of its #! line.
      return KeyrunException.notExecutable(
          command,
          "cannot execute: the interpreter on its #! line was not found",
          "check the first line of " + command);
    }
    return KeyrunException.notExecutable(
        command, "cannot execute: " + reason, "check that it is a program for this machine");
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
