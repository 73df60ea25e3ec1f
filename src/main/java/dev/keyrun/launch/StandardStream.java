package dev.keyrun.launch;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;

/**
 * keyrun's own stdout or stderr as a stream that a filter may close when its input ends: closing
 * flushes, and the descriptor stays open for keyrun's own messages and for the exit.
 */
final class StandardStream extends FilterOutputStream {
  StandardStream(FileDescriptor descriptor) {
    super(new FileOutputStream(descriptor));
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
