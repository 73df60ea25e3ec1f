package dev.keyrun.dotenv;

/**
 * Rejection of a whole .env file because of a syntax error, invalid UTF-8 or an undefined {@code
 * ${NAME}}.
 *
 * <p>The message has the form {@code SOURCE:LINE: REASON}. It names the file, the line, and at most
 * a key or variable name, never a value, so it is safe to print and log.
 */
public final class DotenvSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String reason;
  private final String variable;

  /**
   * Creates the exception.
   *
   * @param source the file name shown to the user
   * @param line the 1-based physical line
   * @param reason what is wrong, without any value text
   * @param variable the variable that caused the error, or null
   */
  public DotenvSyntaxException(String source, int line, String reason, String variable) {
    super(source + ":" + line + ": " + displayReason(reason));
    this.source = source;
    this.line = line;
    this.reason = reason;
    this.variable = variable;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }

  /**
   * Returns the reason as keyrun shows it: without the text of an invalid key, because a line that
   * is not an assignment may be a pasted secret (a token with '+' or '/', a header).
   */
  public String displayReason() {
    return displayReason(reason);
  }

  private static String displayReason(String reason) {
    return reason.startsWith("invalid key ")
        ? "invalid key (keys match [A-Za-z_][A-Za-z0-9_.-]*; the text is not shown)"
        : reason;
  }

  /** Returns the variable name for an undefined {@code ${NAME}}, or null for other errors. */
  public String variable() {
    return variable;
  }
}
