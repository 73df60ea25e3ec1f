package dev.keyrun.terminal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A standard input that can be closed while a read waits. Each read polls the descriptor for at
 * most {@link #POLL_INTERVAL_MILLIS} at a time and returns -1 once the stream is closed, so that
 * the copy thread stops without consuming keys typed after the session ended. Closing leaves
 * descriptor 0 open.
 */
final class PolledInput extends InputStream {
  private static final int POLL_INTERVAL_MILLIS = 100;

  /** struct pollfd: int fd, short events, short revents; the same 8 bytes on Linux and macOS. */
  private static final int POLLFD_SIZE = 8;

  private final Memory pollfd = new Memory(POLLFD_SIZE);
  private final FileInputStream stream = new FileInputStream(FileDescriptor.in);
  private volatile boolean closed;

  PolledInput(int fd) {
    pollfd.clear();
    pollfd.setInt(0, fd);
    pollfd.setShort(4, (short) TerminalLibC.POLLIN);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int count = read(one, 0, 1);
    return count < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (!closed) {
      int ready = TerminalLibC.INSTANCE.poll(pollfd, new NativeLong(1), POLL_INTERVAL_MILLIS);
      if (ready > 0) {
        // Readable, at end of file or hung up: each makes the read return without waiting.
        return stream.read(buffer, offset, length);
      }
      if (ready < 0 && Native.getLastError() != TerminalLibC.EINTR) {
        throw new IOException(
            "poll on standard input failed: "
                + TerminalLibC.INSTANCE.strerror(Native.getLastError()));
      }
    }
    return -1;
  }

  @Override
  public void close() {
    closed = true;
  }
}
