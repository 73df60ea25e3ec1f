package dev.keyrun.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The notices that declared keys take the place of inherited variables of the same name, because a
 * stale exported value must not shadow the store unnoticed. They name keys, never values.
 */
final class OverrideNotice {
  private final String source;
  private final List<String> replaced = new ArrayList<>();
  private final List<String> removedForFile = new ArrayList<>();

  /**
   * @param project whether the keys come from a project manifest rather than env files
   */
  OverrideNotice(boolean project) {
    this.source = project ? "declared keys" : "env files";
  }

  /** Notes a key whose value replaces an inherited variable with a different value. */
  void replaced(String key) {
    replaced.add(key);
  }

  /** Notes a key delivered only as a file, for which the inherited variable was removed. */
  void removedForFile(String key) {
    removedForFile.add(key);
  }

  /** Prints one line for each kind of override that happened, on {@code stderr}. */
  void print(PrintStream stderr) {
    if (!replaced.isEmpty()) {
      stderr.println(
          "keyrun: notice: "
              + source
              + " override inherited "
              + String.join(", ", replaced)
              + " (--no-override keeps inherited values)");
    }
    if (!removedForFile.isEmpty()) {
      boolean single = removedForFile.size() == 1;
      List<String> files =
          removedForFile.stream().map(key -> key + ChildFiles.FILE_SUFFIX).toList();
      stderr.println(
          "keyrun: notice: "
              + source
              + " override inherited "
              + String.join(", ", removedForFile)
              + ": the command gets "
              + (single ? "the value as a file in " : "the values as files in ")
              + String.join(", ", files)
              + (single ? ", not as a variable" : ", not as variables")
              + " (--no-override keeps inherited values)");
    }
  }
}
