package dev.keyrun.importing;

import java.nio.file.Path;
import java.util.Set;

/**
 * The options of one {@code keyrun import} run.
 *
 * @param file the env file to import
 * @param apply whether to change anything; false prints the plan only
 * @param deleteBackup whether to delete the file's backups once it resolves to their values
 * @param prefix the text put before each key's name in the store, such as {@code MYAPP_}
 * @param keep the keys whose plain values stay in the file, such as {@code LOG_LEVEL}
 */
public record ImportRequest(
    Path file, boolean apply, boolean deleteBackup, String prefix, Set<String> keep) {

  public ImportRequest {
    keep = Set.copyOf(keep);
  }
}
