package dev.keyrun.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allow-list of {@code --clean-env}: the variables a program needs to find its tools, its home
 * and its locale, and nothing that could carry a credential.
 */
final class CleanEnvironment {
  static final List<String> ALLOWED =
      List.of("PATH", "HOME", "USER", "LANG", "TERM", "TZ", "TMPDIR");
  private static final String LOCALE_PREFIX = "LC_";

  private CleanEnvironment() {}

  static boolean allowed(String name) {
    return ALLOWED.contains(name) || name.startsWith(LOCALE_PREFIX);
  }

  /** Tells whether the child inherits {@code name} from keyrun's environment. */
  static boolean inherits(String name, Map<String, byte[]> environment, boolean clean) {
    return environment.containsKey(name) && (!clean || allowed(name));
  }

  /** Returns the inherited part of the child's environment. */
  static Map<String, byte[]> inherited(Map<String, byte[]> environment, boolean clean) {
    Map<String, byte[]> inherited = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (!clean || allowed(name)) {
            inherited.put(name, value);
          }
        });
    return inherited;
  }
}
