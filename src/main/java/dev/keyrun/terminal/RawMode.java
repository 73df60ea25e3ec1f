package dev.keyrun.terminal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.keyrun.KeyrunException;

/**
 * keyrun's terminal in raw mode: no echo, no line buffering and no signal keys, so that every key,
 * Ctrl-C included, reaches the pseudo-terminal as a byte. The child's terminal driver then does
 * what keyrun's would have done, such as turning byte 0x03 into SIGINT for the child.
 *
 * <p>{@link #restore()} puts the saved settings back; it is idempotent. A JVM shutdown hook calls
 * it as a last resort, for a keyrun that exits without closing the session. Nothing can restore the
 * terminal after a SIGKILL of keyrun; {@code stty sane} does then.
 */
final class RawMode {
  /**
   * Bytes reserved for a struct termios, which the code treats as opaque: it is 60 bytes on Linux
   * and 72 on macOS.
   */
  private static final int TERMIOS_SIZE = 256;

  private final int fd;
  private final Memory saved;
  private final Thread shutdownHook;
  private boolean restored;

  private RawMode(int fd, Memory saved) {
    this.fd = fd;
    this.saved = saved;
    this.shutdownHook = new Thread(this::restore, "keyrun-terminal-restore");
  }

  /**
   * Switches terminal {@code fd} to raw mode and returns the handle that restores it.
   *
   * @throws KeyrunException when the terminal settings cannot be read or changed
   */
  static RawMode enter(int fd) {
    Memory saved = new Memory(TERMIOS_SIZE);
    saved.clear();
    if (libc().tcgetattr(fd, saved) != 0) {
      throw failure("cannot read the terminal settings");
    }

    Memory raw = new Memory(TERMIOS_SIZE);
    raw.write(0, saved.getByteArray(0, TERMIOS_SIZE), 0, TERMIOS_SIZE);
    libc().cfmakeraw(raw);

    RawMode mode = new RawMode(fd, saved);
    Runtime.getRuntime().addShutdownHook(mode.shutdownHook);
    if (!setAttributes(fd, raw)) {
      KeyrunException failure = failure("cannot switch the terminal to raw mode");
      mode.restore();
      throw failure;
    }
    return mode;
  }

  /** Puts the settings saved by {@link #enter} back, once. */
  synchronized void restore() {
    if (restored) {
      return;
    }
    restored = true;
    setAttributes(fd, saved);

    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already, and the hook finds the terminal restored.
      }
    }
  }

  private static boolean setAttributes(int fd, Memory termios) {
    while (libc().tcsetattr(fd, TerminalLibC.TCSANOW, termios) != 0) {
      if (Native.getLastError() != TerminalLibC.EINTR) {
        return false;
      }
    }
    return true;
  }

  private static KeyrunException failure(String problem) {
    String reason = libc().strerror(Native.getLastError());
    return KeyrunException.failed(
        "standard input",
        problem + ": " + reason,
        "run with --no-mask to run the command without a pseudo-terminal");
  }

  private static TerminalLibC libc() {
    return TerminalLibC.INSTANCE;
  }
}
