package dev.keyrun.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child's command line as exact bytes. The JVM decodes {@code main}'s arguments with the
 * locale's charset, so under {@code LANG=C} a non-ASCII argument would reach the child as '?'. The
 * child's arguments are always the tail of keyrun's own command line, so on Linux they are taken
 * from {@code /proc/self/cmdline}; elsewhere the decoded strings are encoded as UTF-8.
 */
final class ProcessArguments {
  private ProcessArguments() {}

  static List<byte[]> tail(List<String> decoded) {
    List<byte[]> raw = readCommandLine();
    if (raw.size() >= decoded.size()) {
      List<byte[]> rawTail = raw.subList(raw.size() - decoded.size(), raw.size());
      if (matches(rawTail, decoded)) {
        return rawTail;
      }
    }
    List<byte[]> encoded = new ArrayList<>();
    for (String argument : decoded) {
      encoded.add(argument.getBytes(StandardCharsets.UTF_8));
    }
    return encoded;
  }

  /**
   * Checks that the raw tail is the child's command line: every raw argument that is pure ASCII
   * must equal its decoded form (non-ASCII ones are the very arguments the decoding may have
   * changed).
   */
  private static boolean matches(List<byte[]> raw, List<String> decoded) {
    for (int i = 0; i < raw.size(); i++) {
      String text = new String(raw.get(i), StandardCharsets.ISO_8859_1);
      boolean ascii = text.chars().allMatch(c -> c < 0x80);
      if (ascii && !text.equals(decoded.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<byte[]> readCommandLine() {
    List<byte[]> arguments = new ArrayList<>();
    byte[] block;
    try {
      block = Files.readAllBytes(Path.of("/proc/self/cmdline"));
    } catch (IOException e) {
      return arguments;
    }
    int start = 0;
    for (int i = 0; i < block.length; i++) {
      if (block[i] == 0) {
        arguments.add(java.util.Arrays.copyOfRange(block, start, i));
        start = i + 1;
      }
    }
    return arguments;
  }
}
