package dev.keyrun.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical lines of a text, each with the line break that ends it, numbered from 1 as {@link
 * dev.keyrun.dotenv.DotenvParser} numbers them: LF, CRLF and a bare CR each end a line. Joining the
 * lines again gives the text back unchanged, so an edit touches only the lines it names.
 */
final class PhysicalLines {

  private final List<Line> lines;
  private final String lineBreak;

  private PhysicalLines(List<Line> lines, String lineBreak) {
    this.lines = lines;
    this.lineBreak = lineBreak;
  }

  /** Splits {@code text}. A text that ends with a line break has no empty last line. */
  static PhysicalLines split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r') {
        i++;
        continue;
      }

      int breakLength = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
      lines.add(new Line(text.substring(start, i), text.substring(i, i + breakLength)));
      i += breakLength;
      start = i;
    }
    if (start < text.length()) {
      lines.add(new Line(text.substring(start), ""));
    }

    String style =
        lines.isEmpty() || lines.get(0).lineBreak().isEmpty() ? "\n" : lines.get(0).lineBreak();
    return new PhysicalLines(lines, style);
  }

  /** Returns the line break the text uses: that of its first line, or LF when it has none. */
  String lineBreak() {
    return lineBreak;
  }

  /** Returns line {@code number} without its line break. */
  String text(int number) {
    return lines.get(number - 1).text();
  }

  /**
   * Replaces lines {@code first} to {@code last} with {@code text}, which ends with the line break
   * that ended line {@code last}.
   */
  void replace(int first, int last, String text) {
    String ending = lines.get(last - 1).lineBreak();
    remove(first, last);
    lines.add(first - 1, new Line(text, ending));
  }

  /** Removes lines {@code first} to {@code last} with their line breaks. */
  void remove(int first, int last) {
    lines.subList(first - 1, last).clear();
  }

  /** Adds {@code text} as a new last line, after ending the current last line if it is open. */
  void append(String text) {
    int last = lines.size() - 1;
    if (last >= 0 && lines.get(last).lineBreak().isEmpty()) {
      lines.set(last, new Line(lines.get(last).text(), lineBreak));
    }
    lines.add(new Line(text, lineBreak));
  }

  /** Returns the lines joined with their line breaks. */
  String join() {
    StringBuilder text = new StringBuilder();
    for (Line line : lines) {
      text.append(line.text()).append(line.lineBreak());
    }
    return text.toString();
  }

  /** One line. Its text may contain a secret value, so {@link #toString()} shows only lengths. */
  private record Line(String text, String lineBreak) {
    @Override
    public String toString() {
      return "Line[" + text.length() + " chars, " + lineBreak.length() + "-char line break]";
    }
  }
}
