package dev.keyrun.terminal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls for keyrun's own terminal: termios for raw mode, poll on standard input, and
 * holding a pseudo-terminal's slave side open. The functions are looked up in the running process,
 * which links the C library already.
 */
interface TerminalLibC extends Library {
  TerminalLibC INSTANCE = Native.load(TerminalLibC.class);

  /** tcsetattr action that applies the change at once; 0 on Linux and macOS. */
  int TCSANOW = 0;

  int POLLIN = 0x1;

  int O_RDWR = 2;

  int O_NOCTTY = Platform.isMac() ? 0x20000 : 0x100;

  int O_CLOEXEC = Platform.isMac() ? 0x1000000 : 0x80000;

  int EINTR = 4;

  int SIGCHLD = Platform.isMac() ? 20 : 17;

  int isatty(int fd);

  int tcgetattr(int fd, Pointer termios);

  int tcsetattr(int fd, int optionalActions, Pointer termios);

  void cfmakeraw(Pointer termios);

  /** {@code count} is an nfds_t: unsigned long on Linux, unsigned int on macOS. */
  int poll(Pointer fds, NativeLong count, int timeoutMillis);

  int open(String path, int flags);

  int close(int fd);

  Pointer signal(int signal, Pointer handler);

  String strerror(int errno);
}
