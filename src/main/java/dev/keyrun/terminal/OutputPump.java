package dev.keyrun.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies everything the child writes to its terminal into the caller's stream on a daemon thread,
 * flushing after every read so that a prompt without a newline shows at once.
 *
 * <p>pty4j's stream returns end of file once the child has exited and no output is left. A
 * grandchild that keeps the terminal open and goes on writing would keep the copy running, so
 * {@link #finish} bounds the copy after the child's exit.
 *
 * <p>If the destination fails, the pump logs one warning and then reads and discards the rest, so
 * that the child does not block on a full terminal buffer.
 */
final class OutputPump implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream ptyOutput;
  private final OutputStream destination;
  private final Thread thread;
  private volatile long deadlineNanos;
  private volatile boolean deadlineSet;

  OutputPump(InputStream ptyOutput, OutputStream destination) {
    this.ptyOutput = ptyOutput;
    this.destination = destination;
    this.thread = new Thread(this, "keyrun-pty-output");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Lets the copy run until the terminal has no output left, for at most {@code limitNanos}, and
   * returns whether it ended. After the limit the pump stops at its next read.
   */
  boolean finish(long limitNanos) {
    deadlineNanos = System.nanoTime() + limitNanos;
    deadlineSet = true;
    try {
      thread.join(Math.max(1, limitNanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  @Override
  public void run() {
    byte[] buffer = new byte[BUFFER_SIZE];
    boolean copying = true;
    try {
      int count;
      while (!pastDeadline() && (count = ptyOutput.read(buffer, 0, buffer.length)) > 0) {
        if (copying) {
          copying = copy(buffer, count);
        }
      }
    } catch (IOException e) {
      // The pseudo-terminal was closed: there is nothing more to read.
    }
  }

  private boolean copy(byte[] buffer, int count) {
    try {
      destination.write(buffer, 0, count);
      destination.flush();
      return true;
    } catch (IOException e) {
      LOG.warn("writing the command's output failed, the rest is discarded: {}", e.getMessage());
      return false;
    }
  }

  private boolean pastDeadline() {
    return deadlineSet && System.nanoTime() - deadlineNanos > 0;
  }
}
