package dev.keyrun.launch;

import dev.keyrun.mask.MaskingOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Carries one of the child's output streams through keyrun: the child writes into a pipe, and a
 * thread copies what arrives through a filter (the masker) to keyrun's own stdout or stderr. Each
 * chunk goes on as soon as it is read, so interactive and line-based output is not delayed.
 *
 * <p>When the reader downstream goes away, the pipe is closed too, so the child gets EPIPE or
 * SIGPIPE on its next write as it would without keyrun in between.
 */
final class OutputRelay {
  private static final int BUFFER_BYTES = 1024 * 1024;

  /**
   * How long the pipe may stay quiet after the child exited before keyrun stops reading: a process
   * the child left running in the background can hold the pipe open indefinitely.
   */
  private static final long QUIET_AFTER_EXIT_NANOS = 200_000_000L;

  private final int target;
  private final UnaryOperator<OutputStream> filter;
  private final int[] pipe;
  private final Object lock = new Object();
  private OutputStream output;
  private boolean stopped;
  private volatile long waitingSince = Long.MAX_VALUE;
  private Thread pump;

  private OutputRelay(int target, UnaryOperator<OutputStream> filter) {
    this.target = target;
    this.filter = filter;
    this.pipe = Posix.pipe();
    Posix.growPipe(pipe[1], BUFFER_BYTES);
  }

  /** Opens a pipe that will replace descriptor {@code target} (1 or 2) in the child. */
  static OutputRelay open(int target, UnaryOperator<OutputStream> filter) {
    return new OutputRelay(target, filter);
  }

  /** Adds the spawn action that makes the pipe's write end the child's {@code target}. */
  void attachTo(SpawnActions actions) {
    actions.duplicate(pipe[1], target);
  }

  /** Starts copying, once the child has inherited its end of the pipe. */
  void start() throws IOException {
    Posix.close(pipe[1]);
    // When keyrun's own stream is a pipe too, a larger one cut the time a gigabyte of output took
    // to pass through keyrun by a third (1.8 to 1.2 s). On anything else the call changes nothing.
    Posix.growPipe(target, BUFFER_BYTES);
    FileChannel channel = FileChannel.open(Path.of("/dev/fd/" + pipe[0]), StandardOpenOption.READ);
    Posix.close(pipe[0]);

    output =
        filter.apply(new StandardStream(target == 1 ? FileDescriptor.out : FileDescriptor.err));
    pump = new Thread(() -> copy(channel), target == 1 ? "keyrun-stdout" : "keyrun-stderr");
    pump.setDaemon(true);
    pump.start();
  }

  /** Closes both ends of the pipe when the child could not be started. */
  void abandon() {
    Posix.close(pipe[0]);
    Posix.close(pipe[1]);
  }

  /**
   * Waits, after the child exited, until the pipe reaches end of file. When another process keeps
   * the pipe open, stops once it has stayed quiet for a moment since the exit, or at once when
   * {@code interrupted} turns true (keyrun received a signal that should end it). Bytes that the
   * filter still holds back at such a stop could be the start of a secret, so they are concealed.
   */
  void awaitEnd(BooleanSupplier interrupted) throws InterruptedException {
    long exited = System.nanoTime();
    while (true) {
      pump.join(20);
      if (!pump.isAlive()) {
        return;
      }
      long quietSince = Math.max(exited, waitingSince);
      if (interrupted.getAsBoolean() || System.nanoTime() - quietSince > QUIET_AFTER_EXIT_NANOS) {
        cutOff();
        return;
      }
    }
  }

  private void copy(FileChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    byte[] chunk = new byte[BUFFER_BYTES];
    try (channel) {
      while (true) {
        waitingSince = System.nanoTime();
        int count = channel.read(buffer);
        waitingSince = Long.MAX_VALUE;
        if (count < 0) {
          break;
        }
        buffer.flip();
        buffer.get(chunk, 0, count);
        buffer.clear();
        if (!forward(chunk, count)) {
          return;
        }
      }
    } catch (IOException e) {
      // The pipe failed, which leaves nothing to copy; the child's exit status still counts.
    }
    stop();
  }

  private boolean forward(byte[] chunk, int count) {
    synchronized (lock) {
      if (stopped) {
        return false;
      }
      try {
        output.write(chunk, 0, count);
        return true;
      } catch (IOException e) {
        // The reader of keyrun's stream has gone. Returning closes the pipe, so the child gets
        // EPIPE or SIGPIPE too, and the held-back output is dropped.
        stopped = true;
        return false;
      }
    }
  }

  /** Ends the output as the end of the pipe does: what the filter held back is written. */
  private void stop() {
    end(false);
  }

  /** Ends the output before the end of the pipe: what the filter held back is concealed. */
  private void cutOff() {
    end(true);
  }

  private void end(boolean early) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        if (early && output instanceof MaskingOutputStream masking) {
          masking.cutOff();
        } else if (early) {
          output.flush();
        } else {
          output.close();
        }
      } catch (IOException e) {
        // The reader of keyrun's stream has gone, so the held-back output has nowhere to go.
      }
    }
  }
}
