package dev.keyrun.importing;

import dev.keyrun.dotenv.Segment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The notice an import prints when the env file still contains plain values, those it could not
 * move and those {@code --keep} names, and others can read it. A run rejects such a file, so the
 * user should know before the next run fails.
 */
final class PlainValuesNotice {
  private PlainValuesNotice() {}

  static void print(Path file, List<PlannedKey> plan, PrintStream stderr) {
    Set<String> names = new LinkedHashSet<>();
    boolean movable = false;
    for (PlannedKey key : plan) {
      if (key.action() == PlannedKey.Action.LEFT && holdsText(key)) {
        names.add(key.key());
        movable = true;
      } else if (key.action() == PlannedKey.Action.KEPT && holdsText(key)) {
        names.add(key.key() + " (--keep)");
      }
    }

    String mode = readableByOthers(file);
    if (names.isEmpty() || mode == null) {
      return;
    }
    stderr.println(
        "keyrun: notice: "
            + file
            + " still holds plain values ("
            + String.join(", ", names)
            + ") and others can read it (mode "
            + mode
            + "); a run refuses it until you "
            + (movable ? "move those values or " : "")
            + "run: chmod 600 "
            + file);
  }

  private static boolean holdsText(PlannedKey key) {
    return key.entry().segments().stream()
        .anyMatch(
            segment -> segment instanceof Segment.Literal literal && !literal.text().isEmpty());
  }

  /** Returns the file's mode as {@code rw-r--r--} when group or others may read it, else null. */
  private static String readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      boolean open =
          permissions.contains(PosixFilePermission.GROUP_READ)
              || permissions.contains(PosixFilePermission.OTHERS_READ);
      return open ? PosixFilePermissions.toString(permissions) : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
