package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import dev.keyrun.toml.TomlLines;
import java.nio.file.Path;
import java.util.List;

/** A manifest's file name and lines, for messages that name {@code FILE:LINE}. */
record ManifestText(Path file, TomlLines lines) {

  /** Returns the line where {@code path} is written, or 0. */
  int lineOf(List<String> path) {
    return lines.lineOf(path);
  }

  /** Returns {@code FILE:LINE}, or the file alone for line 0. */
  String at(int line) {
    return location(file, line);
  }

  /** Returns {@code FILE:LINE}, or the file alone for line 0. */
  static String location(Path file, int line) {
    return line > 0 ? file + ":" + line : file.toString();
  }

  /** Creates the failure for the table or key at {@code path}. */
  KeyrunException failure(List<String> path, String problem, String hint) {
    return KeyrunException.failed(at(lineOf(path)), problem, hint);
  }

  /** Writes a path as TOML does, such as {@code keys.API.ref}. */
  static String dotted(List<String> path) {
    return String.join(".", path);
  }
}
