package dev.keyrun.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies keyrun's standard input to the pseudo-terminal on a daemon thread.
 *
 * <p>When standard input is not a terminal and reaches its end, the pump types the terminal's EOF
 * character (Ctrl-D, byte 0x04) so that a child reading its input, such as {@code cat}, sees end of
 * file too. In canonical mode Ctrl-D only ends input at the start of a line, so after a last line
 * without a newline the pump sends a second one. A child that changed its EOF character with {@code
 * stty eof} still gets 0x04.
 *
 * <p>NOTE: the child's terminal driver echoes piped input back, as any terminal does, and in
 * canonical mode it keeps only the first 4095 bytes of a line (Linux's line buffer).
 */
final class InputPump implements Runnable {
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final byte END_OF_FILE = 0x04;

  private final InputStream source;
  private final OutputStream ptyInput;
  private final boolean sourceIsTerminal;
  private volatile boolean stopped;

  InputPump(InputStream source, OutputStream ptyInput, boolean sourceIsTerminal) {
    this.source = source;
    this.ptyInput = ptyInput;
    this.sourceIsTerminal = sourceIsTerminal;
  }

  void start() {
    Thread thread = new Thread(this, "keyrun-pty-input");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the copy; the thread ends within the source's poll interval. */
  void stop() {
    stopped = true;
    try {
      source.close();
    } catch (IOException e) {
      // The stream is being abandoned, and a failure to close it changes nothing for the session.
    }
  }

  @Override
  public void run() {
    byte[] buffer = new byte[BUFFER_SIZE];
    byte last = '\n';
    try {
      int count;
      while ((count = source.read(buffer, 0, buffer.length)) > 0) {
        // pty4j 0.13.4's PTYOutputStream copies from a non-zero offset to the wrong place, so
        // every write starts at offset 0.
        ptyInput.write(buffer, 0, count);
        last = buffer[count - 1];
      }
      if (!stopped && !sourceIsTerminal) {
        sendEndOfFile(last);
      }
    } catch (IOException e) {
      // Standard input failed or the pseudo-terminal closed: either way nothing more can be copied.
    }
  }

  private void sendEndOfFile(byte last) throws IOException {
    boolean atLineStart = last == '\n' || last == '\r';
    if (!atLineStart) {
      ptyInput.write(new byte[] {END_OF_FILE}, 0, 1);
    }
    ptyInput.write(new byte[] {END_OF_FILE}, 0, 1);
  }
}
