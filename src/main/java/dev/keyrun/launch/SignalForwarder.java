package dev.keyrun.launch;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * Forwards the signals keyrun receives to its child while it supervises.
 *
 * <p>Handlers are armed before the child starts, because a signal that arrives between the start
 * and the set-up would otherwise hit keyrun's default action (exit) and leave the child running
 * unsupervised. Signals that arrive before the child's pid is known are queued and sent right after
 * it starts.
 *
 * <p>Ctrl-C and window-size changes reach the whole foreground process group from the terminal, so
 * they are forwarded only when the child would not already have received them.
 */
final class SignalForwarder {
  // NOTE: SIGQUIT is missing because the JVM reserves it for thread dumps and refuses a handler.
  private static final List<String> FORWARDED =
      List.of("TERM", "INT", "HUP", "USR1", "USR2", "WINCH");
  private static final List<String> SENT_BY_TERMINAL = List.of("INT", "WINCH");
  private static final List<String> ENDING = List.of("TERM", "INT", "HUP");

  private final List<Integer> queued = new ArrayList<>();
  private int child;
  private Runnable windowChange;
  private volatile int ending;

  /** Installs the handlers; from now on keyrun no longer exits on these signals. */
  void arm() {
    for (String name : FORWARDED) {
      try {
        Signal.handle(new Signal(name), this::receive);
      } catch (IllegalArgumentException e) {
        // The JVM reserves this signal on this platform, so it cannot be forwarded. (A HUP, INT or
        // TERM that the caller ignores, as nohup does, gets no handler either, and the child
        // inherits the ignore.)
      }
    }
  }

  /**
   * Runs {@code action} on every window-size change instead of forwarding SIGWINCH, for a child on
   * a pseudo-terminal, whose size keyrun must set itself.
   */
  synchronized void onWindowChange(Runnable action) {
    windowChange = action;
  }

  /** Sets the child that receives signals from now on, and sends it any queued ones. */
  synchronized void attach(int pid) {
    child = pid;
    for (int signal : queued) {
      Posix.kill(child, signal);
    }
    queued.clear();
  }

  /**
   * Stops forwarding once the child has been reaped, because its pid may then belong to another
   * process.
   */
  synchronized void detach() {
    child = -1;
  }

  /**
   * Returns a TERM, INT or HUP that arrived after the child was reaped, which keyrun should end by
   * once it has finished its work, or 0.
   */
  int endingSignal() {
    return ending;
  }

  private synchronized void receive(Signal signal) {
    if (child < 0) {
      if (ENDING.contains(signal.getName())) {
        ending = signal.getNumber();
      }
      return;
    }
    if (child == 0) {
      queued.add(signal.getNumber());
      return;
    }
    if (windowChange != null && "WINCH".equals(signal.getName())) {
      windowChange.run();
      return;
    }
    if (SENT_BY_TERMINAL.contains(signal.getName()) && Posix.terminalSignalsReachChild(child)) {
      return;
    }
    Posix.kill(child, signal.getNumber());
  }
}
