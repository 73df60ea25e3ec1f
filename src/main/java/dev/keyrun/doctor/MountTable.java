package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of {@code /proc/self/mountinfo} (see proc(5)): which filesystem, of which type and on
 * which device, contains a directory.
 */
final class MountTable {
  /**
   * One line of mountinfo.
   *
   * @param device the {@code MAJOR:MINOR} of the filesystem's device (major 0 for filesystems that
   *     have no block device, such as tmpfs, overlay and btrfs subvolumes)
   * @param mountPoint the absolute mount point, with mountinfo's octal escapes decoded
   * @param type the filesystem type, such as {@code ext4} or {@code overlay}
   * @param source the mount source, such as {@code /dev/sda2} or {@code overlay}
   */
  record Mount(String device, String mountPoint, String type, String source) {}

  private final List<Mount> mounts;

  MountTable(List<Mount> mounts) {
    this.mounts = List.copyOf(mounts);
  }

  /**
   * Reads {@code file} in the format of {@code /proc/self/mountinfo}. The kernel writes a mount
   * point's bytes as they are, so one that is not UTF-8 is decoded with replacement characters and
   * the other lines are still read.
   *
   * @throws IOException when the file is not a regular file, cannot be read or has no valid line
   */
  static MountTable read(Path file) throws IOException {
    List<Mount> mounts = new ArrayList<>();
    for (String line : TextFile.readRegular(file).lines().toList()) {
      parse(line).ifPresent(mounts::add);
    }
    if (mounts.isEmpty()) {
      throw new IOException(file + " lists no mount");
    }
    return new MountTable(mounts);
  }

  /**
   * Returns the mount that contains {@code directory}: the one with the longest mount point that
   * contains it, and of several on the same mount point the last, which hides the others.
   */
  Optional<Mount> containing(Path directory) {
    Mount best = null;
    for (Mount mount : mounts) {
      Path point = Path.of(mount.mountPoint());
      if (!directory.startsWith(point)) {
        continue;
      }
      if (best == null || point.getNameCount() >= Path.of(best.mountPoint()).getNameCount()) {
        best = mount;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Parses "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER". */
  private static Optional<Mount> parse(String line) {
    String[] fields = line.strip().split(" ");
    int separator = List.of(fields).indexOf("-");
    if (separator < 6 || fields.length < separator + 3) {
      return Optional.empty();
    }
    String mountPoint = unescape(fields[4]);
    // The kernel never writes \000, because a path cannot contain NUL, and Path.of rejects it.
    if (!mountPoint.startsWith("/") || mountPoint.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Mount(fields[2], mountPoint, fields[separator + 1], unescape(fields[separator + 2])));
  }

  /**
   * Decodes the {@code \040}-style octal escapes the kernel writes for space, tab, \ and newline.
   */
  static String unescape(String field) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static boolean isOctal(String field, int start) {
    if (start + 3 > field.length()) {
      return false;
    }
    for (int i = start; i < start + 3; i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
