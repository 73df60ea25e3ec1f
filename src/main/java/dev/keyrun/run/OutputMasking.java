package dev.keyrun.run;

import dev.keyrun.launch.Posix;
import dev.keyrun.mask.Masks;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which of the command's output streams keyrun masks. By default a stream is masked when it
 * is not a terminal: an assistant, a log collector or a pipe reads it, and a printed key there is a
 * leaked key. A terminal is left alone, so colours and prompts keep working. {@code --mask} masks
 * both streams, running the command on a pseudo-terminal when stdout is a terminal; {@code
 * --no-mask} masks neither.
 */
final class OutputMasking {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private final Masks masks;
  private final boolean stdout;
  private final boolean stderr;
  private final boolean terminal;

  private OutputMasking(Masks masks, boolean stdout, boolean stderr, boolean terminal) {
    this.masks = masks;
    this.stdout = stdout;
    this.stderr = stderr;
    this.terminal = terminal;
  }

  /**
   * Decides for a run whose keys have {@code values} and whose references resolved to {@code
   * secrets}.
   */
  static OutputMasking decide(
      MaskMode mode, Map<String, byte[]> values, Collection<byte[]> secrets) {
    if (mode == MaskMode.OFF) {
      LOG.info("output not masked (--no-mask)");
      return new OutputMasking(null, false, false, false);
    }
    boolean stdoutTerminal = Posix.isTerminal(1);
    boolean stderrTerminal = Posix.isTerminal(2);
    boolean maskStdout = mode == MaskMode.ON || !stdoutTerminal;
    boolean maskStderr = mode == MaskMode.ON || !stderrTerminal;
    if (!maskStdout && !maskStderr) {
      LOG.info("output not masked: stdout and stderr are terminals (--mask masks them too)");
      return new OutputMasking(null, false, false, false);
    }

    logShortValues(values);
    List<byte[]> all = new ArrayList<>(values.values());
    all.addAll(secrets);
    Masks masks = Masks.of(all);
    if (masks.isEmpty()) {
      LOG.info("output not masked: no value is long enough to mask");
      return new OutputMasking(null, false, false, false);
    }
    // A pseudo-terminal carries stdin, stdout and stderr together, so it is used only when all
    // three are keyrun's terminal: piped input or a redirected stderr must stay what it is. A
    // background job would be stopped when it puts the terminal into raw mode.
    boolean terminal =
        mode == MaskMode.ON
            && stdoutTerminal
            && stderrTerminal
            && Posix.isTerminal(0)
            && Posix.isTerminalForeground();
    LOG.info(
        "masking {} ({} patterns); keyrun stays as the command's parent to do it",
        describe(maskStdout, maskStderr, terminal),
        masks.patternCount());
    return new OutputMasking(masks, maskStdout, maskStderr, terminal);
  }

  /** Tells whether any stream is masked, which keeps keyrun running as the command's parent. */
  boolean active() {
    return stdout || stderr;
  }

  /** Tells whether the command runs on a pseudo-terminal whose output keyrun masks. */
  boolean terminal() {
    return terminal;
  }

  /** Returns the filter for stdout, or null when stdout passes through. */
  UnaryOperator<OutputStream> stdout() {
    return stdout ? masks::wrap : null;
  }

  /** Returns the filter for stderr, or null when stderr passes through. */
  UnaryOperator<OutputStream> stderr() {
    return stderr ? masks::wrap : null;
  }

  private static String describe(boolean stdout, boolean stderr, boolean terminal) {
    String streams = stdout && stderr ? "stdout and stderr" : stdout ? "stdout" : "stderr";
    return terminal ? streams + " through a pseudo-terminal" : streams;
  }

  private static void logShortValues(Map<String, byte[]> values) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    List<String> masked = new ArrayList<>();
    List<String> unmasked = new ArrayList<>();
    values.forEach((key, value) -> (Masks.isMaskable(value) ? masked : unmasked).add(key));
    if (!masked.isEmpty()) {
      LOG.info("masking the values of {}", String.join(", ", masked));
    }
    if (!unmasked.isEmpty()) {
      LOG.info(
          "not masked, shorter than {} bytes: {}", Masks.MIN_LENGTH, String.join(", ", unmasked));
    }
  }
}
