package dev.keyrun.project;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the line where a table or key of a TOML text is written. Jackson's TOML parser builds a
 * tree without locations, so messages about a valid file that keyrun rejects (an unknown field, a
 * bad reference) take their line from here.
 *
 * <p>It reads table headers ({@code [keys.API]}) and the keys of assignments ({@code API = ...},
 * {@code keys.API.ref = ...}) line by line. NOTE: a line inside a multi-line string that looks like
 * an assignment is skipped only when the string's delimiters ({@code """} or {@code '''}) are
 * counted right; such a line can at worst give a wrong line number, never a wrong value.
 */
final class TomlLines {
  private record Entry(List<String> path, int line, boolean header) {}

  private final List<Entry> entries = new ArrayList<>();

  TomlLines(String text) {
    List<String> table = List.of();
    boolean inMultilineString = false;
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      boolean togglesString = (count(line, "\"\"\"") + count(line, "'''")) % 2 == 1;
      if (inMultilineString) {
        inMultilineString = !togglesString;
        continue;
      }
      inMultilineString = togglesString;

      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        boolean arrayTable = line.startsWith("[[");
        int end = line.indexOf(arrayTable ? "]]" : "]");
        if (end > 0) {
          table = keyPath(line.substring(arrayTable ? 2 : 1, end));
          entries.add(new Entry(table, i + 1, true));
        }
        continue;
      }
      int equals = assignment(line);
      if (equals > 0) {
        List<String> path = new ArrayList<>(table);
        path.addAll(keyPath(line.substring(0, equals)));
        entries.add(new Entry(path, i + 1, false));
      }
    }
  }

  /**
   * Returns the line of {@code path}: where it is assigned or its table header, else the line of
   * the nearest enclosing table or key that is written (a field inside an inline table), or 0.
   */
  int lineOf(List<String> path) {
    for (int length = path.size(); length > 0; length--) {
      List<String> prefix = path.subList(0, length);
      for (Entry entry : entries) {
        if (entry.path.equals(prefix)) {
          return entry.line;
        }
      }
      // A table written only through dotted keys or subtables, such as keys.API.ref = "...".
      for (Entry entry : entries) {
        if (entry.path.size() > prefix.size() && entry.path.subList(0, length).equals(prefix)) {
          return entry.line;
        }
      }
    }
    return 0;
  }

  /** Returns the line of the first key assigned a second time in the same table, or 0. */
  int repeatedKeyLine() {
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      for (int j = 0; j < i && !entry.header; j++) {
        if (!entries.get(j).header && entries.get(j).path.equals(entry.path)) {
          return entry.line;
        }
      }
    }
    return 0;
  }

  /** Returns the index of the {@code =} that ends the key of an assignment line, or -1. */
  private static int assignment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  /** Splits a dotted key such as {@code keys."API".ref} into its unquoted parts. */
  private static List<String> keyPath(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          part.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '.') {
        parts.add(part.toString().strip());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString().strip());
    return parts;
  }

  private static int count(String text, String delimiter) {
    int count = 0;
    for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + 3)) {
      count++;
    }
    return count;
  }
}
