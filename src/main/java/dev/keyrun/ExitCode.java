package dev.keyrun;

/**
 * Exit statuses of keyrun's own failures, following the convention of {@code env(1)} so that a
 * wrapper script cannot confuse them with ordinary child failures.
 *
 * <p>Once the child runs, keyrun's status is the child's, and a child killed by signal N gives
 * 128+N.
 */
public final class ExitCode {
  /**
   * A management command ({@code init}, {@code config}, {@code import}, {@code where}, {@code
   * rotate}, {@code ls}, {@code check}) failed: bad flags, file, reference or store. These commands
   * start no child, so they use the common status of command-line tools for their own failures
   * instead of 125.
   */
  public static final int USAGE = 2;

  /** keyrun failed before starting the child: bad flags, file, reference or store. */
  public static final int KEYRUN_FAILED = 125;

  /** The command was found but could not be executed. */
  public static final int NOT_EXECUTABLE = 126;

  /** The command was not found. */
  public static final int NOT_FOUND = 127;

  /** Offset added to a signal number when the child was killed by that signal. */
  public static final int SIGNAL_OFFSET = 128;

  private ExitCode() {}
}
