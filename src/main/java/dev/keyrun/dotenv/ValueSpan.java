package dev.keyrun.dotenv;

/**
 * Where the value of an assignment is written, from its first character to just after its last:
 * quotes included, and blanks and a trailing comment excluded. An empty value has an empty span
 * where the value would start.
 *
 * <p>Positions count physical lines from 1 and characters within a line from 0 as the parser counts
 * them: a byte order mark at the start of the file is not counted, and a CRLF ends a line like LF.
 * So a tool that rewrites a value can splice its replacement into the original lines and keep every
 * other byte.
 *
 * @param start the position of the value's first character
 * @param end the position just after the value's last character
 */
public record ValueSpan(Position start, Position end) {

  /** A physical line, from 1, and a character within it, from 0. */
  public record Position(int line, int column) {}
}
