package dev.keyrun.terminal;

import com.pty4j.WinSize;
import com.pty4j.unix.UnixPtyProcess;
import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command running on a pseudo-terminal, with keyrun's standard input copied to it and everything
 * it prints copied to a caller's stream. Colours, prompts and line editing keep working, because
 * the child sees a terminal, while keyrun sees all of its output.
 *
 * <p>When keyrun's standard input is a terminal, it is in raw mode for the length of the session:
 * keys, Ctrl-C included, travel as bytes to the child's terminal, whose driver sends the child
 * SIGINT. {@link #waitFor} and {@link #close} restore the terminal settings, and a JVM shutdown
 * hook restores them if keyrun exits without either.
 *
 * <p>NOTE: Ctrl-Z likewise reaches the child's terminal, which stops the child, but keyrun does not
 * stop with it, so the session waits until the child is continued (for example by {@code kill
 * -CONT} on {@link #pid()}).
 *
 * <p>The caller forwards signals to {@link #pid()} and calls {@link #resize()} on SIGWINCH. The
 * session installs no signal handler of its own, because a second WINCH handler would replace
 * keyrun's.
 *
 * <p>Only the pseudo-terminal reaches the child: pty4j closes every other descriptor before exec,
 * so sockets passed through LISTEN_FDS stay behind.
 */
public final class PtySession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtySession.class);

  /**
   * How long the output copy may go on after the child has exited. Output that the child wrote
   * before it exited is buffered already and takes milliseconds to copy. So the limit only stops a
   * grandchild that keeps the terminal open and goes on writing, or a destination stream that
   * blocks.
   */
  static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final UnixPtyProcess process;
  private final int heldSlave;
  private final HostTerminal host;
  private final Runnable restoreTerminal;
  private final InputPump input;
  private final OutputPump output;
  private boolean closed;

  private PtySession(
      PtyStarter.Started started,
      HostTerminal host,
      Runnable restoreTerminal,
      OutputStream destination) {
    this.process = started.process();
    this.heldSlave = started.heldSlave();
    this.host = host;
    this.restoreTerminal = restoreTerminal;
    this.input = new InputPump(host.openInput(), process.getOutputStream(), host.inputIsTerminal());
    this.output = new OutputPump(process.getInputStream(), destination);
  }

  /**
   * Starts {@code command} on a new pseudo-terminal of the size of keyrun's terminal (standard
   * output's, else standard input's, else 80x24), and starts copying.
   *
   * @param output the stream that receives everything the command prints, flushed after each read
   * @throws KeyrunException when the command or the pseudo-terminal cannot be started
   */
  public static PtySession start(PtyCommand command, OutputStream output) {
    return start(command, output, new StandardTerminal());
  }

  static PtySession start(PtyCommand command, OutputStream output, HostTerminal host) {
    List<String> argv = ProgramFile.argv(command);
    PtyLibrary.prepare();

    Runnable restoreTerminal = host.enterRawMode();
    try {
      PtyStarter.Started started = PtyStarter.start(argv, command.environment(), host);
      PtySession session = new PtySession(started, host, restoreTerminal, output);
      session.output.start();
      session.input.start();
      return session;
    } catch (RuntimeException | Error e) {
      restoreTerminal.run();
      throw e;
    }
  }

  /** Returns the child's process id, which is also its process group and session id. */
  public int pid() {
    return (int) process.pid();
  }

  /** Copies the current size of keyrun's terminal to the pseudo-terminal; call on SIGWINCH. */
  public synchronized void resize() {
    if (closed) {
      return;
    }
    WinSize size = host.size();
    try {
      process.setWinSize(size);
    } catch (IllegalStateException e) {
      // The child is exiting and its terminal closing; the new size no longer matters.
      LOG.debug("setting the pseudo-terminal's size failed", e);
    }
  }

  /**
   * Waits for the child to exit and for its output to be copied, restores keyrun's terminal, and
   * returns keyrun's exit status: the child's exit code, or 128+N when signal N killed it. The
   * output copy goes on for at most 2 seconds after the exit.
   */
  public int waitFor() {
    int status = waitForExit();
    if (!output.finish(DRAIN_LIMIT_NANOS)) {
      LOG.debug("the output copy did not end within the limit after the command exited");
    }
    close();
    return exitStatus(status);
  }

  /**
   * Ends the session: stops the copies, closes the pseudo-terminal and restores keyrun's terminal.
   * A child still running then gets SIGHUP from its terminal, as when a terminal window closes.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    input.stop();
    closePty();
    TerminalLibC.INSTANCE.close(heldSlave);
    restoreTerminal.run();
  }

  private void closePty() {
    try {
      process.getInputStream().close();
    } catch (IOException e) {
      LOG.debug("closing the pseudo-terminal failed", e);
    }
  }

  /** Waits for the exit as pty4j reports it, deferring an interrupt until the child has exited. */
  private int waitForExit() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Converts pty4j's exit value into keyrun's exit status. pty4j 0.13.4's libpty already returns
   * WEXITSTATUS, or 128+WTERMSIG for a child killed by a signal (the tests check 143 and 137), so a
   * value in 0-255 passes unchanged. A child that exits with 143 is therefore indistinguishable
   * from one killed by SIGTERM. A negative value means that waitpid failed.
   */
  static int exitStatus(int ptyExitValue) {
    if (ptyExitValue < 0 || ptyExitValue > 255) {
      LOG.warn("waiting for the command failed (pty4j returned {})", ptyExitValue);
      return ExitCode.KEYRUN_FAILED;
    }
    return ptyExitValue;
  }
}
