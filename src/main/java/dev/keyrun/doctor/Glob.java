package dev.keyrun.doctor;

import java.util.regex.Pattern;

/**
 * Shell-style wildcards of backup tools' path patterns, turned into regular expressions: {@code **}
 * matches any characters, {@code ?} one character, {@code [...]} and {@code [!...]} a character
 * class, and {@code *} any characters except {@code /}, unless the style lets it cross directories,
 * as borg's default {@code fm:} style does.
 */
final class Glob {
  private Glob() {}

  /** Returns the regular expression, without anchors, for {@code glob}. */
  static String regex(String glob, boolean starCrossesSlash) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i += 2;
        continue;
      }
      if (c == '*') {
        regex.append(starCrossesSlash ? ".*" : "[^/]*");
      } else if (c == '?') {
        regex.append(starCrossesSlash ? "." : "[^/]");
      } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
        int end = glob.indexOf(']', i + 2);
        String members = glob.substring(i + 1, end);
        boolean negated = members.startsWith("!") || members.startsWith("^");
        String body = negated ? members.substring(1) : members;
        regex.append(negated ? "[^" : "[").append(body.replace("\\", "\\\\").replace("[", "\\["));
        regex.append(']');
        i = end;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return regex.toString();
  }

  /** Tells whether {@code glob} matches the whole of {@code path}. */
  static boolean matches(String glob, String path, boolean starCrossesSlash) {
    return Pattern.matches(regex(glob, starCrossesSlash), path);
  }
}
