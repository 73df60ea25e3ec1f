package dev.keyrun.config;

import dev.keyrun.KeyrunException;
import dev.keyrun.toml.TomlSyntaxException;
import dev.keyrun.toml.TomlTree;
import java.nio.file.Path;
import java.util.Map;

/** The text of a config file that was read, and the path it was read from. */
record ConfigText(Path file, String text) {

  /**
   * Creates the failure to report for line {@code line} of this file (1-based, or 0 when the line
   * is unknown), as one line naming {@code FILE:LINE} and a hint line.
   */
  KeyrunException failure(int line, String problem, String hint) {
    return KeyrunException.failed(location(file, line), problem, hint);
  }

  /**
   * Parses the text into its top-level table.
   *
   * @throws KeyrunException for invalid TOML, naming the line of the error
   */
  Map<String, Object> table() {
    try {
      return TomlTree.read(text);
    } catch (TomlSyntaxException e) {
      throw failure(e.line(), "invalid TOML: " + e.reason(), "fix the TOML syntax there");
    }
  }

  /** Returns {@code FILE:LINE}, or {@code FILE} when {@code line} is 0. */
  static String location(Path file, int line) {
    return line > 0 ? file + ":" + line : file.toString();
  }
}
