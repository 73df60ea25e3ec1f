package dev.keyrun.dotenv;

/**
 * The grammar {@code [A-Za-z_][A-Za-z0-9_.-]*} shared by keys and by the names inside {@code
 * ${...}}, so that every key, including {@code A.B} and {@code V-d}, can be referenced.
 */
public final class KeyGrammar {

  private KeyGrammar() {}

  static boolean isStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isPart(char c) {
    return isStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
  }

  /** Tells whether {@code name} is a whole key or variable name. */
  public static boolean isValid(String name) {
    if (name.isEmpty() || !isStart(name.charAt(0))) {
      return false;
    }

    for (int i = 1; i < name.length(); i++) {
      if (!isPart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the longest name that starts at the cursor and moves past it. Returns an empty string,
   * without moving, when the cursor is not at the start of a name.
   */
  static String read(LineCursor cursor) {
    if (!isStart(cursor.peek())) {
      return "";
    }

    StringBuilder name = new StringBuilder();
    while (isPart(cursor.peek())) {
      name.append(cursor.next());
    }
    return name.toString();
  }
}
