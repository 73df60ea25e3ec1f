package dev.keyrun.terminal;

import com.pty4j.WinSize;
import java.io.InputStream;

/**
 * The side of a session that the user sees: keyrun's standard input and the terminal keyrun runs
 * in. Tests replace it to feed input and window sizes without a real terminal.
 */
interface HostTerminal {
  /**
   * Opens keyrun's standard input for the copy to the pseudo-terminal. Closing the stream ends a
   * pending read within a short time and leaves the underlying descriptor open.
   */
  InputStream openInput();

  /** Tells whether standard input is a terminal, which the session then switches to raw mode. */
  boolean inputIsTerminal();

  /** Returns the current size of keyrun's terminal, or 80x24 when keyrun has none. */
  WinSize size();

  /**
   * Switches standard input to raw mode when it is a terminal, and returns the action that restores
   * its settings (a no-op otherwise).
   */
  Runnable enterRawMode();
}
