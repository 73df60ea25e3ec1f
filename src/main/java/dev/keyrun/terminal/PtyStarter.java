package dev.keyrun.terminal;

import com.pty4j.unix.Pty;
import com.pty4j.unix.UnixPtyProcess;
import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Starts a command on a new pseudo-terminal with pty4j, and turns every failure into a {@link
 * KeyrunException}.
 *
 * <p>keyrun creates the {@link Pty} itself and sets its window size before the child exists.
 * pty4j's PtyProcessBuilder sets the size only after the fork, and in a test of 300 starts of
 * {@code stty size} on a 2-core Linux 6.18 machine, 12% of the children (28% under CPU load) still
 * saw 0x0. The constructor that accepts a ready Pty is deprecated in pty4j 0.13.4, but it is the
 * only race-free way that pty4j's public API offers.
 *
 * <p>keyrun also keeps the slave side open until the session ends. On macOS the kernel discards
 * unread output once the last slave descriptor closes, as pty4j's PtyProcessBuilder documents. On
 * the same Linux machine under CPU load, 2 of 2000 short commands lost all their output without the
 * open slave, and none with it. The copy thread still stops, because pty4j ends its stream when the
 * child has exited and no output is left.
 */
final class PtyStarter {
  /** The running child, and the slave descriptor that keyrun keeps open until the session ends. */
  record Started(UnixPtyProcess process, int heldSlave) {}

  private static final String HINT_NO_MASK =
      "run with --no-mask to run the command without a pseudo-terminal";

  private PtyStarter() {}

  /**
   * Starts {@code argv} (as {@link ProgramFile#argv} builds it) on a new pseudo-terminal of the
   * size of {@code host}'s terminal. The working directory is keyrun's, and the child's stdin,
   * stdout and stderr are all the terminal.
   *
   * @throws KeyrunException when no pseudo-terminal is available or pty4j cannot load
   */
  static Started start(List<String> argv, Map<String, String> environment, HostTerminal host) {
    // An ignored SIGCHLD (inherited from keyrun's caller) would make the kernel reap the child
    // itself, and pty4j would then report exit status 0 whatever the child returned.
    TerminalLibC.INSTANCE.signal(TerminalLibC.SIGCHLD, null);

    try {
      Pty pty = openPty(host);
      int heldSlave = holdSlave(pty);
      try {
        return new Started(spawn(argv, environment, pty), heldSlave);
      } catch (RuntimeException | Error e) {
        closeQuietly(pty);
        TerminalLibC.INSTANCE.close(heldSlave);
        throw e;
      }
    } finally {
      // Also after a failure, because pty4j may have extracted libpty before something else failed.
      PtyLibrary.deleteTemporaryCopy();
    }
  }

  private static Pty openPty(HostTerminal host) {
    Pty pty;
    try {
      pty = new Pty();
    } catch (IOException | RuntimeException | LinkageError e) {
      throw PtyLibrary.loadFailure(e);
    }
    if (pty.getMasterFD() < 0) {
      // pty4j reports a failed posix_openpt, grantpt, unlockpt or ptsname only as a negative fd.
      throw KeyrunException.failed(
          "pseudo-terminal",
          "cannot open one (/dev/ptmx)",
          "check that /dev/ptmx and /dev/pts are available, or " + HINT_NO_MASK);
    }

    try {
      // Reading keyrun's terminal size is the first call into libpty, which loads it.
      pty.setWindowSize(host.size(), null);
    } catch (IOException e) {
      closeQuietly(pty);
      throw KeyrunException.failed(
          "pseudo-terminal", "cannot set its window size: " + e.getMessage(), HINT_NO_MASK, e);
    } catch (RuntimeException | LinkageError e) {
      closeQuietly(pty);
      throw PtyLibrary.loadFailure(e);
    }
    return pty;
  }

  private static int holdSlave(Pty pty) {
    int flags = TerminalLibC.O_RDWR | TerminalLibC.O_NOCTTY | TerminalLibC.O_CLOEXEC;
    int fd = TerminalLibC.INSTANCE.open(pty.getSlaveName(), flags);
    if (fd < 0) {
      closeQuietly(pty);
      throw KeyrunException.failed(
          "pseudo-terminal", "cannot open " + pty.getSlaveName(), HINT_NO_MASK);
    }
    return fd;
  }

  @SuppressWarnings("deprecation")
  private static UnixPtyProcess spawn(List<String> argv, Map<String, String> environment, Pty pty) {
    String[] entries =
        environment.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    try {
      // "." is keyrun's current working directory, even if it was renamed or its path changed.
      return new UnixPtyProcess(argv.toArray(String[]::new), entries, ".", pty, null, false);
    } catch (IOException e) {
      throw KeyrunException.failed(
          argv.get(0), "cannot start on a pseudo-terminal: " + e.getMessage(), HINT_NO_MASK, e);
    } catch (RuntimeException | LinkageError e) {
      throw PtyLibrary.loadFailure(e);
    }
  }

  private static void closeQuietly(Pty pty) {
    try {
      pty.close();
    } catch (IOException e) {
      // Nothing was started on it, so a failed close leaks one descriptor at most.
    }
  }
}
