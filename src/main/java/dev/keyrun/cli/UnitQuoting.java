package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a command line for {@code ExecStart=}. systemd splits it into words like a shell,
 * honouring double quotes and backslash escapes, and expands {@code %} specifiers and {@code $}
 * variables in every word, so those are doubled to stay literal.
 */
final class UnitQuoting {
  private UnitQuoting() {}

  static String commandLine(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add(quote(word));
    }
    return String.join(" ", quoted);
  }

  /**
   * Writes a setting's value, such as a credential name, so that systemd reads it as written: it
   * expands {@code %} specifiers and drops backslash escapes there too.
   */
  static String setting(String value) {
    return value.replace("\\", "\\\\").replace("%", "%%");
  }

  static String quote(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) < 0x20 || word.charAt(i) == 0x7f) {
        throw KeyrunException.failed(
            "COMMAND",
            "an argument contains a control character, which keyrun does not write into a unit",
            "pass such values through the env file instead");
      }
    }
    String literal = word.replace("%", "%%").replace("$", "$$");
    if (!literal.isEmpty() && literal.matches("[A-Za-z0-9_@%+=:,./$-]+")) {
      return literal;
    }
    return "\"" + literal.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
