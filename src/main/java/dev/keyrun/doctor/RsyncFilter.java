package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The include and exclude rules of rsync(1), as rsnapshot and Timeshift pass them to rsync. Rules
 * are tried in order and the first that matches a path decides. A file is transferred when neither
 * it nor a directory above it, up to the transfer root, is excluded, because rsync does not descend
 * into an excluded directory.
 *
 * <p>A pattern that starts with {@code /} is anchored at the transfer root, any other is matched
 * against the end of the path. A pattern without {@code /} or {@code **} is matched against the
 * last component only, and one that ends with {@code /} matches directories only.
 */
final class RsyncFilter {
  private record Rule(boolean include, Pattern pattern, boolean directoryOnly) {}

  private final List<Rule> rules = new ArrayList<>();

  /** Adds a rule: {@code include} for a {@code + PATTERN} line, else an exclude. */
  RsyncFilter add(boolean include, String pattern) {
    boolean directoryOnly = pattern.endsWith("/") && pattern.length() > 1;
    String body = directoryOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
    // An unanchored pattern may start at any component. Without "/" in it, "*" cannot cross one,
    // so it matches the last component only.
    String regex =
        body.startsWith("/") ? Glob.regex(body, false) : "(?:.*/)?" + Glob.regex(body, false);
    rules.add(new Rule(include, Pattern.compile(regex), directoryOnly));
    return this;
  }

  /**
   * Tells whether rsync transfers {@code file} when it copies {@code root}. A file outside {@code
   * root} is never transferred.
   */
  boolean transfers(Path root, Path file) {
    if (!file.startsWith(root) || file.equals(root)) {
      return false;
    }
    Path relative = root.relativize(file);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < relative.getNameCount(); i++) {
      path.append('/').append(relative.getName(i));
      boolean directory = i < relative.getNameCount() - 1;
      if (excluded(path.toString(), directory)) {
        return false;
      }
    }
    return true;
  }

  private boolean excluded(String path, boolean directory) {
    for (Rule rule : rules) {
      if (rule.directoryOnly() && !directory) {
        continue;
      }
      if (rule.pattern().matcher(path).matches()) {
        return !rule.include();
      }
    }
    return false;
  }
}
