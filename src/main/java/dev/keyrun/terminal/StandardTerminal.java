package dev.keyrun.terminal;

import com.pty4j.WinSize;
import com.pty4j.unix.PtyHelpers;
import java.io.IOException;
import java.io.InputStream;

/**
 * keyrun's real standard input (descriptor 0) and terminal. The window size comes from standard
 * output (descriptor 1), else from standard input, through pty4j's native TIOCGWINSZ call, whose
 * request number differs between Linux and macOS.
 */
final class StandardTerminal implements HostTerminal {
  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final WinSize DEFAULT_SIZE = new WinSize(80, 24);

  @Override
  public InputStream openInput() {
    return new PolledInput(STDIN);
  }

  @Override
  public boolean inputIsTerminal() {
    return isTerminal(STDIN);
  }

  @Override
  public WinSize size() {
    for (int fd : new int[] {STDOUT, STDIN}) {
      WinSize size = sizeOf(fd);
      if (size != null) {
        return size;
      }
    }
    return DEFAULT_SIZE;
  }

  @Override
  public Runnable enterRawMode() {
    if (!inputIsTerminal()) {
      return () -> {};
    }
    return RawMode.enter(STDIN)::restore;
  }

  /** Returns the size of terminal {@code fd}, or null if it is no terminal or reports 0x0. */
  private static WinSize sizeOf(int fd) {
    if (!isTerminal(fd)) {
      return null;
    }
    try {
      WinSize size = PtyHelpers.getWinSize(fd, null);
      return size.getColumns() > 0 && size.getRows() > 0 ? size : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isTerminal(int fd) {
    return TerminalLibC.INSTANCE.isatty(fd) == 1;
  }
}
