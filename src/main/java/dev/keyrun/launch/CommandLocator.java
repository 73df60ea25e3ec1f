package dev.keyrun.launch;

import dev.keyrun.KeyrunException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the program to run the way {@code execvp} does, but before anything starts, so that a
 * missing or non-executable command fails with status 127 or 126 and a clear message.
 */
final class CommandLocator {
  /** The search path execvp uses when PATH is unset. */
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private CommandLocator() {}

  /** Returns the path of {@code command}, searched in the child's PATH when it has no slash. */
  static Path locate(String command, Map<String, byte[]> childEnvironment) {
    if (command.isEmpty()) {
      throw KeyrunException.commandNotFound("''", "name a command after --");
    }
    if (command.contains("/")) {
      return checkExecutable(Path.of(command), command);
    }

    Path notExecutable = null;
    for (String directory : searchPath(childEnvironment).split(":", -1)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
      if (Files.isRegularFile(candidate)) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
        notExecutable = notExecutable == null ? candidate : notExecutable;
      }
    }

    if (notExecutable != null) {
      throw KeyrunException.notExecutable(
          command, "permission denied", "make it executable: chmod +x " + notExecutable);
    }
    throw KeyrunException.commandNotFound(command, "check the name, or that PATH includes it");
  }

  private static Path checkExecutable(Path path, String command) {
    if (!Files.exists(path)) {
      throw KeyrunException.commandNotFound(command, "no such file; check the path");
    }
    if (Files.isDirectory(path)) {
      throw KeyrunException.notExecutable(
          command, "is a directory", "name a program, not a directory");
    }
    if (!Files.isExecutable(path)) {
      throw KeyrunException.notExecutable(
          command, "permission denied", "make it executable: chmod +x " + command);
    }
    return path;
  }

  private static String searchPath(Map<String, byte[]> environment) {
    byte[] path = environment.get("PATH");
    return path == null ? DEFAULT_PATH : new String(path, StandardCharsets.UTF_8);
  }
}
