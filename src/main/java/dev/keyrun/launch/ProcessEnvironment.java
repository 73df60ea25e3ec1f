package dev.keyrun.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * keyrun's own environment as exact bytes. {@link System#getenv()} decodes with the locale's
 * charset, which under {@code LANG=C} turns every non-ASCII byte into '?'; a secret passed through
 * must arrive unchanged, so on Linux the environment is read from {@code /proc/self/environ}.
 *
 * <p>Names are decoded as ISO-8859-1, which maps every byte to one char, so they round-trip.
 */
public final class ProcessEnvironment {
  private ProcessEnvironment() {}

  /**
   * The variable in which the launcher keeps the caller's LC_ALL when it runs the JVM under a UTF-8
   * locale: empty when LC_ALL was unset, otherwise "=" followed by its value.
   */
  static final String CALLER_LC_ALL = "KEYRUN_CALLER_LC_ALL";

  /** Returns the environment in its original order, as the caller of the launcher set it. */
  public static Map<String, byte[]> read() {
    Map<String, byte[]> environment;
    try {
      environment = parse(Files.readAllBytes(Path.of("/proc/self/environ")));
    } catch (IOException e) {
      environment = fromSystem();
    }
    restoreCallerLocale(environment);
    return environment;
  }

  static void restoreCallerLocale(Map<String, byte[]> environment) {
    byte[] saved = environment.remove(CALLER_LC_ALL);
    if (saved == null) {
      return;
    }
    if (saved.length > 0 && saved[0] == '=') {
      environment.put("LC_ALL", java.util.Arrays.copyOfRange(saved, 1, saved.length));
    } else {
      environment.remove("LC_ALL");
    }
  }

  static Map<String, byte[]> parse(byte[] block) {
    Map<String, byte[]> environment = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= block.length; i++) {
      if (i == block.length || block[i] == 0) {
        addEntry(environment, block, start, i);
        start = i + 1;
      }
    }
    return environment;
  }

  private static void addEntry(Map<String, byte[]> environment, byte[] block, int start, int end) {
    for (int i = start; i < end; i++) {
      if (block[i] == '=') {
        String name = new String(block, start, i - start, StandardCharsets.ISO_8859_1);
        byte[] value = java.util.Arrays.copyOfRange(block, i + 1, end);
        environment.putIfAbsent(name, value);
        return;
      }
    }
  }

  // NOTE: outside Linux the JVM's decoded view is used, which is exact only under a UTF-8 locale.
  private static Map<String, byte[]> fromSystem() {
    Map<String, byte[]> environment = new LinkedHashMap<>();
    System.getenv()
        .forEach((name, value) -> environment.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return environment;
  }
}
