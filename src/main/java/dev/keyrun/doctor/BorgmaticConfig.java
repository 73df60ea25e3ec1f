package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code source_directories} and {@code exclude_patterns} of a borgmatic YAML configuration,
 * line by line rather than with a YAML parser: each key may be followed by a block list of {@code -
 * ITEM} lines or carry a flow list {@code [A, B]}. Other YAML forms, {@code patterns}, {@code
 * exclude_from} and included files are not read.
 */
final class BorgmaticConfig {
  private static final String SOURCES = "source_directories:";
  private static final String EXCLUDES = "exclude_patterns:";

  /** Borg's pattern style prefixes. */
  private static final java.util.Set<String> STYLES =
      java.util.Set.of("fm:", "sh:", "re:", "pp:", "pf:");

  private final List<String> sources = new ArrayList<>();
  private final List<String> excludes = new ArrayList<>();
  private final Path home;

  private BorgmaticConfig(Path home) {
    this.home = home;
  }

  /** Reads {@code file}, expanding {@code ~} in paths and patterns to {@code home}. */
  static BackupPlan read(Path file, Path home) throws IOException {
    BorgmaticConfig config = new BorgmaticConfig(home);
    List<String> list = null;
    for (String line : TextFile.readRegular(file).lines().toList()) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (list != null && text.startsWith("-")) {
        list.add(config.expand(scalar(text.substring(1))));
        continue;
      }
      list = config.listFor(text);
      if (list != null) {
        String rest = text.substring(text.indexOf(':') + 1).strip();
        int end = rest.lastIndexOf(']');
        if (rest.startsWith("[") && end > 0) {
          for (String item : rest.substring(1, end).split(",")) {
            list.add(config.expand(scalar(item)));
          }
        }
      }
    }
    config.compilePatterns();
    return new BackupPlan("borgmatic", file, config::backsUp);
  }

  /**
   * Compiles every source and exclude pattern once, so that an invalid one such as {@code re:(}
   * makes the configuration unreadable here instead of failing the check when it is applied.
   *
   * @throws java.util.regex.PatternSyntaxException when a pattern is invalid
   */
  private void compilePatterns() {
    for (String source : sources) {
      Glob.matches(source, "", false);
    }
    for (String pattern : excludes) {
      excludes(pattern, "");
    }
  }

  private List<String> listFor(String text) {
    if (text.startsWith(SOURCES)) {
      return sources;
    }
    return text.startsWith(EXCLUDES) ? excludes : null;
  }

  private boolean backsUp(Path file) {
    boolean included = false;
    for (String source : sources) {
      included |= ancestorMatches(file, path -> Glob.matches(source, path, false));
    }
    for (String pattern : excludes) {
      if (ancestorMatches(file, path -> excludes(pattern, path))) {
        return false;
      }
    }
    return included;
  }

  /**
   * Tells whether the borg pattern matches {@code path}. Borg compares paths without the leading
   * {@code /}, and the default style {@code fm:} lets {@code *} cross directories.
   */
  private static boolean excludes(String pattern, String path) {
    String prefix = pattern.length() > 3 ? pattern.substring(0, 3) : "";
    boolean styled = STYLES.contains(prefix);
    String style = styled ? prefix.substring(0, 2) : "fm";
    String body = styled ? pattern.substring(3) : pattern;
    String relative = path.replaceFirst("^/+", "");
    String relativeBody = body.replaceFirst("^/+", "");
    switch (style) {
      case "re":
        return Pattern.compile(body).matcher(relative).find();
      case "pp":
      case "pf":
        return relative.equals(relativeBody.replaceFirst("/+$", ""));
      case "sh":
        return Glob.matches(relativeBody, relative, false);
      default:
        return Glob.matches(relativeBody, relative, true);
    }
  }

  /** Tells whether {@code test} holds for {@code file} or one of the directories above it. */
  private static boolean ancestorMatches(Path file, java.util.function.Predicate<String> test) {
    for (Path path = file; path != null; path = path.getParent()) {
      if (test.test(path.toString())) {
        return true;
      }
    }
    return false;
  }

  private String expand(String path) {
    String expanded = path.equals("~") || path.startsWith("~/") ? home + path.substring(1) : path;
    return expanded.length() > 1 ? expanded.replaceFirst("/+$", "") : expanded;
  }

  /** Returns a YAML scalar without quotes and a trailing comment. */
  private static String scalar(String text) {
    String value = text.strip();
    if (value.length() >= 2 && (value.startsWith("'") || value.startsWith("\""))) {
      int end = value.indexOf(value.charAt(0), 1);
      return end > 0 ? value.substring(1, end) : value.substring(1);
    }
    int comment = value.indexOf(" #");
    return (comment < 0 ? value : value.substring(0, comment)).strip();
  }
}
