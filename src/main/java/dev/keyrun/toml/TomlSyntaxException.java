package dev.keyrun.toml;

/**
 * Invalid TOML: the parser's reason and the 1-based line it names, or 0 when it names none. It is
 * keyrun's own type, so that code catching it loads no Jackson class.
 */
public final class TomlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int line;

  TomlSyntaxException(String reason, int line, Throwable cause) {
    super(reason + (line > 0 ? " at line " + line : ""), cause);
    this.reason = reason;
    this.line = line;
  }

  /** Returns the parser's message without its location, such as {@code Duplicate key}. */
  public String reason() {
    return reason;
  }

  /** Returns the 1-based line of the error, or 0. */
  public int line() {
    return line;
  }
}
