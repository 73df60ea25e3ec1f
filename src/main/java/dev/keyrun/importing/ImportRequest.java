package dev.keyrun.importing;

import java.nio.file.Path;

/**
 * The options of one {@code keyrun import} run.
 *
 * @param file the env file to import
 * @param apply whether to change anything; false prints the plan only
 * @param deleteBackup whether to delete the file's backups once it resolves to their values
 * @param prefix the text put before each key's name in the store, such as {@code MYAPP_}
 */
public record ImportRequest(Path file, boolean apply, boolean deleteBackup, String prefix) {}
