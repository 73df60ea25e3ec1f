package dev.keyrun.launch;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;

/** The POSIX process calls keyrun needs, with the constants that differ between Linux and macOS. */
public final class Posix {
  static final int F_GETFD = 1;
  static final int F_SETFD = 2;
  static final int FD_CLOEXEC = 1;
  static final int F_SETPIPE_SZ = 1031;
  static final int F_GETPIPE_SZ = 1032;
  static final int EINTR = 4;
  static final int ENOENT = 2;
  static final int ENOEXEC = 8;
  static final int E2BIG = 7;

  /** Size of a buffer large enough for sigset_t and posix_spawnattr_t on Linux and macOS. */
  private static final int OPAQUE_STRUCT_SIZE = 1024;

  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

  static {
    // JNA builds a library search path on first use, which on Linux runs "ldconfig -p" in a child
    // process (tens of milliseconds). keyrun looks its functions up in the running process and
    // loads no library by name from that path, so an empty one saves the child process.
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
  }

  private Posix() {}

  private static LibC libc() {
    return LibC.INSTANCE;
  }

  /**
   * Loads the native library binding on a background thread. JNA takes about 15 ms to initialise,
   * and on a second core that overlaps with parsing the command line and reading env files. A
   * caller that needs the binding earlier waits for the class initialisation to finish.
   */
  public static void preload() {
    Thread loader = new Thread(Posix::tryLoad, "keyrun-jna-preload");
    loader.setDaemon(true);
    loader.start();
  }

  private static void tryLoad() {
    try {
      effectiveUid();
    } catch (LinkageError e) {
      // The first real use fails the same way and reports it; a second report would be noise.
    }
  }

  public static int effectiveUid() {
    return libc().geteuid();
  }

  public static int pid() {
    return libc().getpid();
  }

  /** Returns the size of a memory page in bytes. */
  public static int pageSize() {
    return libc().getpagesize();
  }

  /**
   * Tells whether keyrun runs in the foreground process group of the terminal on stdin: a
   * background job that changes the terminal's settings is stopped by SIGTTOU.
   */
  public static boolean isTerminalForeground() {
    return libc().isatty(0) == 1 && libc().tcgetpgrp(0) == libc().getpgrp();
  }

  /** Tells whether descriptor {@code fd} is a terminal. */
  public static boolean isTerminal(int fd) {
    return libc().isatty(fd) == 1;
  }

  static int lastError() {
    return Native.getLastError();
  }

  static String describeError(int errno) {
    return libc().strerror(errno);
  }

  /** Unblocks every signal for the calling thread, because a blocked mask survives execve. */
  static void unblockAllSignals() {
    Memory empty = new Memory(OPAQUE_STRUCT_SIZE);
    empty.clear();
    int setMask = Platform.isMac() ? 3 : 2;
    libc().sigprocmask(setMask, empty, null);
  }

  static void setCloseOnExec(int fd) {
    int flags = libc().fcntl(fd, F_GETFD, 0);
    if (flags >= 0 && (flags & FD_CLOEXEC) == 0) {
      libc().fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
  }

  /** Replaces this process with {@code path}; returns the errno only if that failed. */
  static int execve(NativeArguments command) {
    libc().execve(command.path(), command.argv(), command.envp());
    return lastError();
  }

  /**
   * Starts {@code command} as a child with an empty signal mask and returns its pid.
   *
   * @throws LaunchFailure carrying the errno when the child could not be started
   */
  static int spawn(NativeArguments command, SpawnActions actions) {
    Memory attributes = new Memory(OPAQUE_STRUCT_SIZE);
    attributes.clear();
    Memory emptyMask = new Memory(OPAQUE_STRUCT_SIZE);
    emptyMask.clear();
    libc().posix_spawnattr_init(attributes);
    try {
      libc().posix_spawnattr_setsigmask(attributes, emptyMask);
      libc().posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGMASK);

      IntByReference pid = new IntByReference();
      int error =
          libc()
              .posix_spawn(
                  pid,
                  command.path(),
                  actions.pointer(),
                  attributes,
                  command.argv(),
                  command.envp());
      if (error != 0) {
        throw new LaunchFailure(error);
      }
      return pid.getValue();
    } finally {
      libc().posix_spawnattr_destroy(attributes);
    }
  }

  /**
   * Creates a pipe whose two descriptors are close-on-exec, so that a child gets only the end that
   * a spawn action places on one of its standard descriptors. Returns {read end, write end}.
   */
  static int[] pipe() {
    int[] fds = new int[2];
    if (libc().pipe(fds) != 0) {
      throw new IllegalStateException("pipe failed: " + describeError(lastError()));
    }
    setCloseOnExec(fds[0]);
    setCloseOnExec(fds[1]);
    return fds;
  }

  /**
   * Asks Linux to let the pipe buffer {@code bytes} (F_SETPIPE_SZ), so that large output moves in
   * fewer, larger reads. A pipe that is already larger keeps its size. Nothing changes for a
   * descriptor that is not a pipe, or when the limit for unprivileged users is lower.
   */
  static void growPipe(int fd, int bytes) {
    if (!Platform.isLinux()) {
      return;
    }
    int current = libc().fcntl(fd, F_GETPIPE_SZ, 0);
    if (current > 0 && current < bytes) {
      libc().fcntl(fd, F_SETPIPE_SZ, bytes);
    }
  }

  static void close(int fd) {
    libc().close(fd);
  }

  /** Waits for {@code pid} to end and returns its raw wait status. */
  static int waitFor(int pid) {
    IntByReference status = new IntByReference();
    while (libc().waitpid(pid, status, 0) < 0) {
      if (lastError() != EINTR) {
        throw new IllegalStateException("waitpid failed: " + describeError(lastError()));
      }
    }
    return status.getValue();
  }

  static void kill(int pid, int signal) {
    libc().kill(pid, signal);
  }

  /**
   * Tells whether keyrun and {@code child} sit in the foreground process group of the terminal on
   * stdin, in which case the terminal has already sent Ctrl-C and window-size signals to both.
   */
  static boolean terminalSignalsReachChild(int child) {
    if (libc().isatty(0) != 1) {
      return false;
    }
    int group = libc().getpgrp();
    return libc().tcgetpgrp(0) == group && libc().getpgid(child) == group;
  }

  /**
   * Ends keyrun by the signal that killed its child, so that keyrun's parent gets a death by signal
   * rather than an exit with 128+N. A shell needs that to stop a script on Ctrl-C: bash goes on
   * with the next command when the foreground job merely exits with status 130. Returns only if the
   * signal did not end the process.
   */
  static void dieBy(int signal) {
    System.out.flush();
    System.err.flush();
    libc().signal(signal, null);
    unblockAllSignals();
    libc().kill(libc().getpid(), signal);
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Tells whether keyrun should end by {@code signal} itself, rather than exit with 128+N: true for
   * signals whose default action terminates without a core dump, which would dump the JVM.
   */
  static boolean terminatesWithoutCore(int signal) {
    return signal == 1
        || signal == 2
        || signal == 9
        || signal == 13
        || signal == 14
        || signal == 15;
  }

  /** Sets SIGCHLD back to its default action, in case keyrun's caller ignored it. */
  static void restoreDefaultChildSignal() {
    int sigchld = Platform.isMac() ? 20 : 17;
    libc().signal(sigchld, null);
  }

  /** Converts a raw wait status into keyrun's exit status: the code, or 128+N for signal N. */
  static int exitStatus(int waitStatus) {
    int signal = waitStatus & 0x7f;
    if (signal == 0) {
      return (waitStatus >> 8) & 0xff;
    }
    return dev.keyrun.ExitCode.SIGNAL_OFFSET + signal;
  }

  /** An errno from posix_spawn. */
  static final class LaunchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    LaunchFailure(int errno) {
      super("posix_spawn failed with errno " + errno);
      this.errno = errno;
    }

    int errno() {
      return errno;
    }
  }
}
