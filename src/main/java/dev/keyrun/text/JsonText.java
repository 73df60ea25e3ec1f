package dev.keyrun.text;

import java.util.Map;

/**
 * Writes a JSON object of strings (RFC 8259). keyrun keeps Jackson off its start-up path, and an
 * object of strings needs only string escaping.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Returns {@code members} as one JSON object on one line, in their order. */
  public static String object(Map<String, String> members) {
    StringBuilder json = new StringBuilder("{");
    members.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          string(json, name);
          json.append(':');
          string(json, value);
        });
    return json.append('}').toString();
  }

  /**
   * Appends {@code text} as a JSON string: quote, backslash and control characters escaped, every
   * other character, non-ASCII included, as it is.
   */
  public static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
