package dev.keyrun.inventory;

import java.util.ArrayList;
import java.util.List;

/** Splits and writes the tab-separated lines of the inventory file, with backslash escapes. */
final class InventoryLine {
  private InventoryLine() {}

  static List<String> split(String line) {
    List<String> fields = new ArrayList<>(8);
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\\' && i + 1 < line.length()) {
        i++;
        field.append(unescape(line.charAt(i)));
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  static void append(StringBuilder text, String... fields) {
    for (int f = 0; f < fields.length; f++) {
      if (f > 0) {
        text.append('\t');
      }
      escape(text, fields[f]);
    }
    text.append('\n');
  }

  private static void escape(StringBuilder text, String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
  }

  private static char unescape(char c) {
    return switch (c) {
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      default -> c;
    };
  }
}
