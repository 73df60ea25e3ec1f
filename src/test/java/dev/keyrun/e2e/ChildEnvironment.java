package dev.keyrun.e2e;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses what {@code env -0} printed in the child: the environment it really received. */
final class ChildEnvironment {
  private ChildEnvironment() {}

  static final String[] PRINT = {"--no-mask", "--", "env", "-0"};

  static Map<String, String> parse(byte[] output) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : new String(output, StandardCharsets.UTF_8).split("\0")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        environment.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    return environment;
  }
}
