package dev.keyrun.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one systemd unit file or drop-in, read the way systemd's configuration parser
 * reads them: {@code [Section]} headers, {@code Key=Value} lines with surrounding whitespace
 * removed, comment lines starting with {@code #} or {@code ;} (also between continued lines), and a
 * line that ends in a backslash continued on the next one, the backslash read as a space.
 *
 * <p>Specifiers such as {@code %h} are not expanded, and lines that are neither a header nor an
 * assignment are skipped, as systemd skips them with a warning.
 */
final class UnitFile {
  /**
   * One assignment.
   *
   * @param section the section it is in, such as {@code Service}, or empty before the first header
   * @param key the key, such as {@code Environment}; systemd compares keys case-sensitively
   * @param value the value, with continued lines joined
   * @param line the 1-based line where the assignment starts
   */
  record Setting(String section, String key, String value, int line) {}

  private UnitFile() {}

  /** Returns the assignments of {@code text}, in file order. */
  static List<Setting> parse(String text) {
    List<Setting> settings = new ArrayList<>();
    String section = "";
    StringBuilder continued = null;
    int start = 0;

    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }

      if (continued == null) {
        continued = new StringBuilder();
        start = i + 1;
      }
      if (endsWithEscape(line)) {
        continued.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      continued.append(line);

      section = add(settings, section, continued.toString().strip(), start);
      continued = null;
    }

    if (continued != null) {
      // systemd parses a continuation that the end of the file cuts off as it is.
      add(settings, section, continued.toString().strip(), start);
    }
    return settings;
  }

  /**
   * Adds the assignment on {@code logical}, a whole logical line, and returns the section that
   * follows it: the one a header names, else {@code section}.
   */
  private static String add(List<Setting> settings, String section, String logical, int start) {
    if (logical.startsWith("[") && logical.endsWith("]")) {
      return logical.substring(1, logical.length() - 1);
    }

    int equals = logical.indexOf('=');
    if (equals > 0) {
      String key = logical.substring(0, equals).strip();
      String value = logical.substring(equals + 1).strip();
      settings.add(new Setting(section, key, value, start));
    }
    return section;
  }

  /** Tells whether {@code line} ends in an odd number of backslashes. */
  private static boolean endsWithEscape(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }
}
