package dev.keyrun.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the line on which a TOML document defines each key, since Jackson reports locations for
 * syntax errors only. It reads table headers and {@code key = value} lines, skipping over strings
 * (multi-line ones included), arrays and inline tables, which may span lines. The document is
 * assumed to be valid TOML: Jackson has parsed it before.
 */
final class TomlLines {
  /** A key or table header: its full dotted path and its 1-based line. */
  record Definition(List<String> path, int line) {
    String dotted() {
      return String.join(".", path);
    }
  }

  private final String text;
  private int position;
  private int line = 1;

  private TomlLines(String text) {
    this.text = text;
  }

  /** Returns every key and table header of {@code text}, in document order. */
  static List<Definition> definitions(String text) {
    return new TomlLines(text).scan();
  }

  /**
   * Returns the line of the setting or table {@code dotted}. A key written inside an inline table
   * is reported at the line of the table's key.
   */
  static int lineOf(String text, String dotted) {
    int best = 0;
    for (Definition definition : definitions(text)) {
      String defined = definition.dotted();
      if (defined.equals(dotted)) {
        return definition.line();
      }
      if (best == 0 && dotted.startsWith(defined + ".")) {
        best = definition.line();
      }
    }
    return best;
  }

  /** Returns the line of the first key that is defined a second time, if any. */
  static Optional<Integer> firstRedefinition(String text) {
    Set<List<String>> seen = new HashSet<>();
    for (Definition definition : definitions(text)) {
      if (!seen.add(definition.path())) {
        return Optional.of(definition.line());
      }
    }
    return Optional.empty();
  }

  private List<Definition> scan() {
    List<Definition> definitions = new ArrayList<>();
    List<String> table = List.of();
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == ' ' || c == '\t' || c == '\r') {
        position++;
      } else if (c == '\n') {
        advance();
      } else if (c == '#') {
        skipToLineEnd();
      } else if (c == '[') {
        boolean arrayOfTables = text.startsWith("[[", position);
        int start = line;
        position += arrayOfTables ? 2 : 1;
        table = keyParts(readUntil(']'));
        definitions.add(new Definition(table, start));
        skipToLineEnd();
      } else {
        int start = line;
        List<String> key = new ArrayList<>(table);
        key.addAll(keyParts(readUntil('=')));
        definitions.add(new Definition(List.copyOf(key), start));
        position++;
        skipValue();
      }
    }
    return definitions;
  }

  /** Reads up to {@code end} outside quotes and leaves the position on it. */
  private String readUntil(char end) {
    StringBuilder key = new StringBuilder();
    while (position < text.length() && text.charAt(position) != end) {
      char c = text.charAt(position);
      if (c == '"' || c == '\'') {
        int start = position;
        skipString();
        key.append(text, start, position);
      } else if (c == '\n') {
        return key.toString();
      } else {
        key.append(c);
        position++;
      }
    }
    return key.toString();
  }

  /** Skips a value up to the end of its last line, past any string, array or inline table. */
  private void skipValue() {
    int depth = 0;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '"' || c == '\'') {
        skipString();
      } else if (c == '[' || c == '{') {
        depth++;
        position++;
      } else if (c == ']' || c == '}') {
        depth--;
        position++;
      } else if (c == '#') {
        skipComment();
      } else if (c == '\n') {
        if (depth <= 0) {
          return;
        }
        advance();
      } else {
        position++;
      }
    }
  }

  /** Skips a string that starts at the position: basic, literal, or either multi-line form. */
  private void skipString() {
    char quote = text.charAt(position);
    String triple = String.valueOf(quote).repeat(3);
    boolean multiLine = text.startsWith(triple, position);
    position += multiLine ? 3 : 1;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '\\' && quote == '"') {
        position++;
        if (position < text.length() && text.charAt(position) == '\n') {
          advance();
        } else {
          position++;
        }
      } else if (multiLine && text.startsWith(triple, position)) {
        position += 3;
        // A multi-line string may end in up to two more quotes, which belong to its content.
        while (position < text.length() && text.charAt(position) == quote) {
          position++;
        }
        return;
      } else if (!multiLine && c == quote) {
        position++;
        return;
      } else if (c == '\n') {
        if (!multiLine) {
          return;
        }
        advance();
      } else {
        position++;
      }
    }
  }

  private void skipComment() {
    while (position < text.length() && text.charAt(position) != '\n') {
      position++;
    }
  }

  private void skipToLineEnd() {
    while (position < text.length() && text.charAt(position) != '\n') {
      char c = text.charAt(position);
      if (c == '"' || c == '\'') {
        skipString();
      } else {
        position++;
      }
    }
  }

  private void advance() {
    position++;
    line++;
  }

  /**
   * Splits a dotted key into its parts, removing quotes; escapes in quoted parts stay as written.
   */
  static List<String> keyParts(String key) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
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
      } else if (c != ' ' && c != '\t') {
        part.append(c);
      }
    }
    parts.add(part.toString().strip());
    return List.copyOf(parts);
  }
}
