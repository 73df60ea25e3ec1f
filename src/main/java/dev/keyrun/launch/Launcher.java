package dev.keyrun.launch;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the child in one of two ways. Exec mode replaces keyrun with the child through execve:
 * same pid, signals and exit status go straight to it, and no JVM stays in memory. Supervise mode
 * starts the child with posix_spawn, forwards signals, waits, and exits with the child's status.
 */
public final class Launcher {
  private static SignalForwarder forwarder;

  private Launcher() {}

  /**
   * Replaces this process with the command. Returns only by throwing.
   *
   * @param command the command and its arguments as given after {@code --}
   * @param environment the child's complete environment
   * @param callerEnvironment keyrun's own environment, whose LISTEN_FDS names descriptors to keep
   * @param keptDescriptors further descriptors the command inherits, such as memory files
   */
  public static void exec(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment,
      Set<Integer> keptDescriptors) {
    Program program = prepare(command, environment, callerEnvironment, keptDescriptors);

    System.out.flush();
    System.err.flush();
    Posix.unblockAllSignals();

    int errno = Posix.execve(program.layout());
    if (errno == Posix.ENOEXEC) {
      errno = Posix.execve(program.viaShell().layout());
    }
    throw failure(command.get(0), errno, program);
  }

  /**
   * Runs the command as a child, forwarding signals, and returns keyrun's exit status: the child's
   * exit code, or 128+N when signal N killed it. When that signal ends a process without a core
   * dump (HUP, INT, KILL, PIPE, ALRM, TERM), keyrun ends itself by the same signal instead, which
   * its parent reads as the same status. keyrun never kills the child on its own.
   *
   * <p>The supervision's cleanup runs on every way out once the child's output is written: after
   * the child ended, and when it could not be started.
   */
  public static int supervise(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment,
      Supervision supervision) {
    int waitStatus;
    try {
      waitStatus =
          supervision.terminal()
              ? TerminalChild.run(command, environment, supervision)
              : superviseChild(command, environment, callerEnvironment, supervision);
    } finally {
      supervision.cleanup().run();
    }
    int signal = waitStatus & 0x7f;
    if (signal != 0 && Posix.terminatesWithoutCore(signal)) {
      Posix.dieBy(signal);
    }
    return Posix.exitStatus(waitStatus);
  }

  private static int superviseChild(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment,
      Supervision supervision) {
    Program program =
        prepare(command, environment, callerEnvironment, supervision.keptDescriptors());
    // An ignored SIGCHLD (inherited from the caller) would make the kernel reap the child itself,
    // and waitpid could then never return its status.
    Posix.restoreDefaultChildSignal();

    SignalForwarder forwarder = armedForwarder();
    List<OutputRelay> relays = relays(supervision);
    int pid;
    try (SpawnActions actions = new SpawnActions()) {
      relays.forEach(relay -> relay.attachTo(actions));
      pid = spawn(program, actions);
    } catch (Posix.LaunchFailure e) {
      relays.forEach(OutputRelay::abandon);
      throw failure(command.get(0), e.errno(), program);
    }
    forwarder.attach(pid);
    supervision.started().accept(pid);
    startAll(relays);

    int waitStatus = Posix.waitFor(pid);
    forwarder.detach();
    awaitAll(relays, forwarder);
    int ending = forwarder.endingSignal();
    return ending != 0 ? ending : waitStatus;
  }

  /**
   * Installs keyrun's signal handlers now, before it writes anything that must be cleaned up: a
   * TERM, INT or HUP from then on waits for the child, which receives it once started, instead of
   * ending keyrun in between.
   */
  public static void holdSignals() {
    armedForwarder();
  }

  static synchronized SignalForwarder armedForwarder() {
    if (forwarder == null) {
      forwarder = new SignalForwarder();
      forwarder.arm();
    }
    return forwarder;
  }

  private static List<OutputRelay> relays(Supervision supervision) {
    List<OutputRelay> relays = new ArrayList<>(2);
    if (supervision.stdout() != null) {
      relays.add(OutputRelay.open(1, supervision.stdout()));
    }
    if (supervision.stderr() != null) {
      relays.add(OutputRelay.open(2, supervision.stderr()));
    }
    return relays;
  }

  private static void startAll(List<OutputRelay> relays) {
    for (OutputRelay relay : relays) {
      try {
        relay.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void awaitAll(List<OutputRelay> relays, SignalForwarder forwarder) {
    try {
      for (OutputRelay relay : relays) {
        relay.awaitEnd(() -> forwarder.endingSignal() != 0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int spawn(Program program, SpawnActions actions) {
    try {
      return spawnOnce(program, actions);
    } catch (Posix.LaunchFailure e) {
      if (e.errno() != Posix.ENOEXEC) {
        throw e;
      }
      return spawnOnce(program.viaShell(), actions);
    }
  }

  private static int spawnOnce(Program program, SpawnActions actions) {
    NativeArguments arguments = program.layout();
    try {
      return Posix.spawn(arguments, actions);
    } finally {
      arguments.wipe();
    }
  }

  /** Finds the program, gathers its arguments and keeps the JVM's descriptors from the child. */
  private static Program prepare(
      List<String> command,
      Map<String, byte[]> environment,
      Map<String, byte[]> callerEnvironment,
      Set<Integer> keptDescriptors) {
    Path located = CommandLocator.locate(command.get(0), environment);
    Descriptors.closeJvmDescriptorsOnExec(callerEnvironment, keptDescriptors);
    byte[] path = located.toString().getBytes(StandardCharsets.UTF_8);
    List<byte[]> argv = ProcessArguments.tail(command);
    return new Program(path, argv, entries(environment));
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

  private static KeyrunException failure(String command, int errno, Program program) {
    String reason = lowerFirst(Posix.describeError(errno));
    if (errno == Posix.ENOENT) {
      // The program was located a moment ago, so what does not exist is usually its #!
      // interpreter or, for a binary, its dynamic loader. Status 127 follows env(1).
      return new Interpreter(program.path()).missing(command);
    }
    if (errno == Posix.E2BIG) {
      return KeyrunException.notExecutable(
          command,
          "cannot execute: the environment and arguments are too large",
          "pass fewer or smaller values, for example with --only");
    }
    return KeyrunException.notExecutable(
        command, "cannot execute: " + reason, "check that it is a program for this machine");
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
