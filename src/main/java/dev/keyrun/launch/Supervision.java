package dev.keyrun.launch;

import java.io.OutputStream;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * The work keyrun does around a supervised child besides forwarding signals.
 *
 * @param stdout a filter for the child's stdout, which then reaches keyrun's stdout through a pipe,
 *     or null to let the child write to keyrun's stdout directly
 * @param stderr the same for stderr
 * @param terminal run the child on a pseudo-terminal whose output goes through the stdout filter
 * @param keptDescriptors descriptors above 2 that the child inherits, such as memory files
 * @param started receives the child's pid once it runs
 * @param cleanup runs once the child has ended and its output is written, before keyrun exits
 */
public record Supervision(
    UnaryOperator<OutputStream> stdout,
    UnaryOperator<OutputStream> stderr,
    boolean terminal,
    Set<Integer> keptDescriptors,
    IntConsumer started,
    Runnable cleanup) {

  public Supervision {
    keptDescriptors = Set.copyOf(keptDescriptors);
  }

  /** Returns a supervision whose child writes to keyrun's own descriptors, with no clean-up. */
  public static Supervision direct() {
    return new Supervision(null, null, false, Set.of(), pid -> {}, () -> {});
  }
}
