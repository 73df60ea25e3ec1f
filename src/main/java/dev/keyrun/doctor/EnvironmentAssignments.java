package dev.keyrun.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the value of a systemd {@code Environment=} setting into its assignments, as systemd does:
 * words separated by whitespace, where double or single quotes may enclose any part of a word
 * ({@code "A=b c"} and {@code A="b c"} are the same assignment) and a backslash escapes the next
 * character. An unterminated quote runs to the end of the value. Words without {@code =}, or with
 * an empty name, are not assignments and are left out, as systemd ignores them.
 */
final class EnvironmentAssignments {
  /** One {@code NAME=VALUE} assignment, with quotes and escapes removed from both. */
  record Assignment(String name, String value) {}

  private EnvironmentAssignments() {}

  /** Returns the assignments of {@code value}, in order. */
  static List<Assignment> parse(String value) {
    List<Assignment> assignments = new ArrayList<>();
    for (String word : words(value)) {
      int equals = word.indexOf('=');
      if (equals > 0) {
        assignments.add(new Assignment(word.substring(0, equals), word.substring(equals + 1)));
      }
    }
    return assignments;
  }

  private static List<String> words(String value) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;

    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quote == 0 && (c == ' ' || c == '\t' || c == '\n')) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }

      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\\' && i + 1 < value.length()) {
        i++;
        word.append(unescape(value.charAt(i)));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else {
        word.append(c);
      }
    }

    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** Returns the character a C escape such as {@code \n} stands for, else the character itself. */
  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return c;
    }
  }
}
