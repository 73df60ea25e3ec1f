package dev.keyrun.init;

import java.util.regex.Pattern;

/** Writes TOML keys and strings (TOML 1.0): bare where the grammar allows, else quoted. */
final class TomlText {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlText() {}

  /** Returns {@code key} as a TOML key: bare, or a basic string when it has other characters. */
  static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : string(key);
  }

  /** Returns {@code text} as a TOML basic string, with quotes, backslashes and controls escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
