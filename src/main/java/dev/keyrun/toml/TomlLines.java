package dev.keyrun.toml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the line on which a TOML document writes each table and key, since Jackson's TOML parser
 * builds a tree without locations. Messages about a valid file that keyrun rejects (an unknown key,
 * a wrong type, a bad reference) take their line from here.
 *
 * <p>It reads table headers and {@code key = value} lines, skipping over strings (multi-line ones
 * included), arrays and inline tables, which may span lines. The document is assumed to be valid
 * TOML: Jackson has parsed it before.
 */
public final class TomlLines {
  /** A key or table header: its full dotted path, its 1-based line, and whether it is a header. */
  record Definition(List<String> path, int line, boolean header) {}

  private final String text;
  private final List<Definition> definitions;
  private int position;
  private int line = 1;

  public TomlLines(String text) {
    this.text = text;
    this.definitions = scan();
  }

  /** Returns the line of the dotted key or table {@code dotted} of {@code text}, or 0. */
  public static int lineOf(String text, String dotted) {
    return new TomlLines(text).lineOf(keyParts(dotted));
  }

  /**
   * Returns the line of {@code path}: where it is assigned or its table header, else the line of
   * the nearest enclosing table or key that is written (a field inside an inline table), or 0.
   */
  public int lineOf(List<String> path) {
    for (int length = path.size(); length > 0; length--) {
      List<String> prefix = path.subList(0, length);
      for (Definition definition : definitions) {
        if (definition.path().equals(prefix)) {
          return definition.line();
        }
      }
      // A table written only through dotted keys or subtables, such as keys.API.ref = "...".
      for (Definition definition : definitions) {
        List<String> defined = definition.path();
        if (defined.size() > length && defined.subList(0, length).equals(prefix)) {
          return definition.line();
        }
      }
    }
    return 0;
  }

  /** Returns the line of the first key assigned a second time in the same table, or 0. */
  public int repeatedKeyLine() {
    Set<List<String>> seen = new HashSet<>();
    for (Definition definition : definitions) {
      if (!definition.header() && !seen.add(definition.path())) {
        return definition.line();
      }
    }
    return 0;
  }

  /** Returns every key and table header, in document order. */
  List<Definition> definitions() {
    return definitions;
  }

  private List<Definition> scan() {
    List<Definition> found = new ArrayList<>();
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
        found.add(new Definition(table, start, true));
        skipToLineEnd();
      } else {
        int start = line;
        List<String> key = new ArrayList<>(table);
        key.addAll(keyParts(readUntil('=')));
        found.add(new Definition(List.copyOf(key), start, false));
        position++;
        skipValue();
      }
    }
    return found;
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
