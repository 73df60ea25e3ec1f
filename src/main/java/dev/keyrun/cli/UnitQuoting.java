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

  static String quote(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) < 0x20 || word.charAt(i) == 0x7f) {
        throw KeyrunException.failed(
            "COMMAND",
            "an argument contains a control character, which a unit file cannot hold",
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
