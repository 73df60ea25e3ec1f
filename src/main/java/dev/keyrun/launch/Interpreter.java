package dev.keyrun.launch;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The #! line of a program that execve could not start with ENOENT although the program exists,
 * read to say which interpreter is missing.
 */
final class Interpreter {
  private static final int MAX_LINE = 256;

  private final byte[] programPath;

  Interpreter(byte[] programPath) {
    this.programPath = programPath;
  }

  KeyrunException missing(String command) {
    String interpreter = readInterpreter();
    if (interpreter == null) {
      return KeyrunException.commandNotFound(
          command, "if it is a binary, its dynamic loader may be missing; check " + command);
    }
    return KeyrunException.notFound(
        command,
        "cannot execute: its #! interpreter " + interpreter + " does not exist",
        "install " + interpreter + ", or fix the first line of " + command);
  }

  /** Returns the interpreter path of the #! line, or null when there is none to read. */
  private String readInterpreter() {
    Path path = Path.of(new String(programPath, StandardCharsets.UTF_8));
    try (InputStream input = Files.newInputStream(path)) {
      String head = new String(input.readNBytes(MAX_LINE), StandardCharsets.UTF_8);
      if (!head.startsWith("#!")) {
        return null;
      }
      String line = head.substring(2).split("\n", 2)[0].strip();
      return line.isEmpty() ? null : line.split("[ \t]", 2)[0];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
