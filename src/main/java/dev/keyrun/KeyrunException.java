package dev.keyrun;

import java.util.List;
import java.util.Objects;

/**
 * A failure of keyrun itself, carrying the exit status and the one-line message shown to the user.
 *
 * <p>The message has the form {@code <subject>: <problem>} and an optional hint line. Neither may
 * contain a secret value: callers name variables, references, files and stores, never what they
 * hold.
 */
public final class KeyrunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String subject;
  private final String problem;
  private final String hint;
  private List<KeyrunException> earlier = List.of();

  private KeyrunException(
      int exitCode, String subject, String problem, String hint, Throwable cause) {
    super(subject + ": " + problem, cause);
    this.exitCode = exitCode;
    this.subject = Objects.requireNonNull(subject);
    this.problem = Objects.requireNonNull(problem);
    this.hint = hint;
  }

  /** Creates a failure that exits with {@link ExitCode#KEYRUN_FAILED}. */
  public static KeyrunException failed(String subject, String problem, String hint) {
    return new KeyrunException(ExitCode.KEYRUN_FAILED, subject, problem, hint, null);
  }

  /** Creates a failure with a cause that stays out of the message (shown only by --debug). */
  public static KeyrunException failed(
      String subject, String problem, String hint, Throwable cause) {
    return new KeyrunException(ExitCode.KEYRUN_FAILED, subject, problem, hint, cause);
  }

  /** Creates a failure that exits with {@link ExitCode#NOT_EXECUTABLE}. */
  public static KeyrunException notExecutable(String command, String problem, String hint) {
    return new KeyrunException(ExitCode.NOT_EXECUTABLE, command, problem, hint, null);
  }

  /** Creates a failure that exits with {@link ExitCode#NOT_FOUND}. */
  public static KeyrunException commandNotFound(String command, String hint) {
    return notFound(command, "command not found", hint);
  }

  /**
   * Creates a failure that exits with {@link ExitCode#NOT_FOUND}, such as a missing interpreter.
   */
  public static KeyrunException notFound(String command, String problem, String hint) {
    return new KeyrunException(ExitCode.NOT_FOUND, command, problem, hint, null);
  }

  /**
   * Returns this failure with {@code others} reported before it, so that one run lists every
   * variable that failed rather than only the first.
   */
  public KeyrunException after(List<KeyrunException> others) {
    this.earlier = List.copyOf(others);
    return this;
  }

  /** Returns the failures to report before this one. */
  public List<KeyrunException> earlier() {
    return earlier;
  }

  public int exitCode() {
    return exitCode;
  }

  public String subject() {
    return subject;
  }

  public String problem() {
    return problem;
  }

  /** Returns the hint: what the user can do next, or null. */
  public String hint() {
    return hint;
  }
}
