package dev.keyrun.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a text file of any size line by line, holding at most about {@link #MAX_PIECE_CHARS}
 * characters of it in memory. A line longer than that is passed on in pieces. Each piece ends where
 * no token can continue (at a character outside {@code A-Z a-z 0-9 . _ ~ + / = -}), and the next
 * piece starts again up to {@link #OVERLAP_CHARS} characters earlier, so a token and the variable
 * name before it are whole in at least one piece. A token in the overlap is in two pieces, so a
 * reader of pieces removes repeats within a line.
 */
final class StreamedLines {
  /** Receives the lines, or the pieces of a long line, of one file. */
  interface Receiver {
    void accept(int line, String text, boolean continued);
  }

  static final int MAX_PIECE_CHARS = 1 << 20;
  static final int OVERLAP_CHARS = 4096;

  /** A file whose first this many bytes contain a NUL byte is binary and is not read. */
  static final int BINARY_PROBE_BYTES = 8000;

  private final Receiver receiver;
  private final StringBuilder piece = new StringBuilder();
  private int line = 1;
  private boolean continued;

  private StreamedLines(Receiver receiver) {
    this.receiver = receiver;
  }

  /**
   * Passes the lines of {@code file} to {@code receiver}, reading at most {@code maxBytes}, and
   * returns false without reading when the file is not a regular file (a symbolic link is not
   * followed, and a FIFO or device is not opened) or is binary. Throws when reading fails.
   */
  static boolean read(Path file, long maxBytes, Receiver receiver) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      return false;
    }

    // NOTE: a file replaced by a FIFO between the check above and this open would block the read.
    // Java cannot open with O_NONBLOCK, and O_NOFOLLOW (NOFOLLOW_LINKS) only rules out a link.
    try (InputStream bytes = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      InputStream limited = new BoundedInput(bytes, maxBytes);
      byte[] head = limited.readNBytes(BINARY_PROBE_BYTES);
      for (byte b : head) {
        if (b == 0) {
          return false;
        }
      }

      StreamedLines lines = new StreamedLines(receiver);
      Reader text =
          new InputStreamReader(
              new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), limited),
              StandardCharsets.UTF_8);
      lines.split(text);
      return true;
    }
  }

  private void split(Reader text) throws IOException {
    char[] buffer = new char[8192];
    boolean afterReturn = false;
    for (int count = text.read(buffer); count >= 0; count = text.read(buffer)) {
      for (int i = 0; i < count; i++) {
        char c = buffer[i];
        if (c == '\n' && afterReturn) {
          afterReturn = false;
          continue;
        }
        afterReturn = c == '\r';
        if (c == '\n' || c == '\r') {
          endLine();
        } else {
          piece.append(c);
          if (piece.length() >= MAX_PIECE_CHARS) {
            cutPiece();
          }
        }
      }
    }
    if (piece.length() > 0) {
      receiver.accept(line, piece.toString(), continued);
    }
  }

  private void endLine() {
    receiver.accept(line, piece.toString(), continued);
    piece.setLength(0);
    continued = false;
    line++;
  }

  /** Passes on the piece up to its last token boundary and keeps an overlap for the next one. */
  private void cutPiece() {
    int cut = piece.length();
    for (int i = piece.length() - 1; i > 2 * OVERLAP_CHARS; i--) {
      if (!isTokenCharacter(piece.charAt(i))) {
        cut = i;
        break;
      }
    }
    // NOTE: with no boundary in the piece, the cut falls inside a run of token characters, and a
    // token on the cut is missed or reported shorter.
    receiver.accept(line, piece.substring(0, cut), continued);

    int from = cut - OVERLAP_CHARS;
    while (from < cut && isTokenCharacter(piece.charAt(from))) {
      from++;
    }
    piece.delete(0, from);
    continued = true;
  }

  /**
   * Returns whether {@code c} may be part of a token of {@link KeyPatterns} or {@link
   * MasterTokens}.
   */
  private static boolean isTokenCharacter(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || "._~+/=-".indexOf(c) >= 0;
  }

  /** Reads at most a given number of bytes, so a file that grows while read stays in budget. */
  private static final class BoundedInput extends java.io.FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long maxBytes) {
      super(in);
      this.left = maxBytes;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int count = super.read(buffer, offset, (int) Math.min(length, left));
      if (count > 0) {
        left -= count;
      }
      return count;
    }
  }
}
