package dev.keyrun.importing;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deletes the backups of an env file once the file resolves, key by key, to the same values as
 * every backup. The values are compared in memory and never printed.
 */
final class BackupCheck {

  /** Resolves every key of an env file as a run would, references included. */
  interface FileValues {
    Map<String, byte[]> resolve(Path file);
  }

  private final Backups backups;
  private final FileValues values;
  private final PrintStream stderr;

  BackupCheck(Backups backups, FileValues values, PrintStream stderr) {
    this.backups = backups;
    this.values = values;
    this.stderr = stderr;
  }

  void deleteBackups(Path file) {
    List<Path> found = list(file);
    if (found.isEmpty()) {
      stderr.println(
          "keyrun: no backup of " + file + " in " + backups.directory() + ", so none was deleted");
      return;
    }

    Map<String, byte[]> current = values.resolve(file);
    try {
      for (Path backup : found) {
        requireSameValues(file, current, backup);
      }
    } finally {
      current.values().forEach(value -> Arrays.fill(value, (byte) 0));
    }

    for (Path backup : found) {
      delete(backup);
      stderr.println("keyrun: deleted the backup " + backup);
    }
  }

  private List<Path> list(Path file) {
    try {
      return backups.of(file);
    } catch (IOException e) {
      throw KeyrunException.failed(
          backups.directory().toString(), "cannot list the backups: " + e.getMessage(), null, e);
    }
  }

  private void requireSameValues(Path file, Map<String, byte[]> current, Path backup) {
    Map<String, byte[]> old = values.resolve(backup);
    List<String> different = new ArrayList<>();
    try {
      TreeSet<String> keys = new TreeSet<>(current.keySet());
      keys.addAll(old.keySet());
      for (String key : keys) {
        byte[] now = current.get(key);
        byte[] before = old.get(key);
        if (now == null || before == null || !MessageDigest.isEqual(now, before)) {
          different.add(key);
        }
      }
    } finally {
      old.values().forEach(value -> Arrays.fill(value, (byte) 0));
    }

    if (!different.isEmpty()) {
      throw KeyrunException.failed(
          file.toString(),
          "does not resolve to the values of its backup "
              + backup
              + " (different or missing: "
              + String.join(", ", different)
              + "), so no backup was deleted",
          "check the keys named; delete the backup with rm once you no longer need it");
    }
  }

  private static void delete(Path backup) {
    try {
      Files.deleteIfExists(backup);
    } catch (IOException e) {
      throw KeyrunException.failed(
          backup.toString(), "cannot delete it: " + e.getMessage(), null, e);
    }
  }
}
