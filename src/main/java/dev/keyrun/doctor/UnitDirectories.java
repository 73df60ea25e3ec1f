package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the service unit files and their drop-ins that systemd loads: {@code NAME.service} files
 * and {@code NAME.service.d/*.conf} (also {@code service.d/*.conf}, which applies to every service)
 * in the system unit directories under the host's root, in {@code /etc/systemd/user} and in the
 * user's {@code ~/.config/systemd/user}.
 *
 * <p>A symbolic link is followed one step, inside the root: {@code systemctl link} puts units
 * elsewhere on disk, and a link to {@code /dev/null} masks a unit and is skipped. A directory or
 * file reached twice, such as {@code /lib} linked to {@code /usr/lib}, is listed once.
 */
final class UnitDirectories {
  /** The system unit directories, in systemd's order of precedence. */
  static final List<String> SYSTEM =
      List.of(
          "/etc/systemd/system",
          "/run/systemd/system",
          "/usr/local/lib/systemd/system",
          "/usr/lib/systemd/system",
          "/lib/systemd/system");

  static final String USER_SYSTEM_WIDE = "/etc/systemd/user";
  static final String USER_HOME = ".config/systemd/user";

  /**
   * The files listed before the walk stops. A Debian 12 container with systemd installed has 97
   * service files in /usr/lib/systemd/system, and a full server a few hundred (an estimate), so the
   * limit leaves room for ten times that.
   */
  static final int MAX_FILES = 5_000;

  /**
   * The unit files found, in directory order, and a description of the limit that stopped the walk
   * early, or empty.
   */
  record Listing(List<Path> files, String limit) {}

  private final Host host;
  private final Set<Path> seen = new HashSet<>();
  private final List<Path> files = new ArrayList<>();
  private final Path realRoot;
  private final Path realHome;

  private UnitDirectories(Host host) {
    this.host = host;
    this.realRoot = realPath(host.root());
    this.realHome = realPath(host.home());
  }

  /** Lists the unit files of {@code host}. */
  static Listing of(Host host) {
    UnitDirectories walk = new UnitDirectories(host);

    List<Path> directories = new ArrayList<>();
    SYSTEM.forEach(directory -> directories.add(host.system(directory)));
    directories.add(host.system(USER_SYSTEM_WIDE));
    directories.add(host.home().resolve(USER_HOME));
    for (Path directory : directories) {
      if (!walk.directory(directory, true)) {
        return new Listing(walk.files, "stopped after " + MAX_FILES + " unit files");
      }
    }
    return new Listing(walk.files, "");
  }

  /** Lists one directory; returns false when the file limit was reached. */
  private boolean directory(Path directory, boolean topLevel) {
    Path real;
    try {
      real = directory.toRealPath();
    } catch (IOException e) {
      return true;
    }
    boolean inside = real.startsWith(realRoot) || real.startsWith(realHome);
    if (!inside || !Files.isDirectory(real) || !seen.add(real)) {
      return true;
    }

    try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
      for (Path entry : sorted(entries)) {
        String name = entry.getFileName().toString();
        if (topLevel && (name.endsWith(".service.d") || name.equals("service.d"))) {
          if (!directory(entry, false)) {
            return false;
          }
        } else if (topLevel ? name.endsWith(".service") : name.endsWith(".conf")) {
          if (!file(entry)) {
            return false;
          }
        }
      }
    } catch (IOException e) {
      // doctor cannot report the units of a directory it cannot read.
    }
    return true;
  }

  private boolean file(Path entry) {
    Path target = entry;
    if (Files.isSymbolicLink(entry)) {
      target = linkTarget(entry);
      if (target == null) {
        return true;
      }
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !seen.add(target)) {
      return true;
    }
    if (files.size() >= MAX_FILES) {
      return false;
    }
    files.add(target);
    return true;
  }

  /** Returns the file a link names, resolved under the root, or null for a link to skip. */
  private Path linkTarget(Path link) {
    try {
      Path target = Files.readSymbolicLink(link);
      if (target.toString().equals("/dev/null")) {
        return null;
      }
      Path resolved =
          target.isAbsolute()
              ? host.system(target.toString()).normalize()
              : link.getParent().resolve(target).normalize();
      boolean inside = resolved.startsWith(host.root()) || resolved.startsWith(host.home());
      return inside ? resolved : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Returns the real path of {@code directory}, or the path itself when it does not exist. */
  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      return directory;
    }
  }

  private static List<Path> sorted(DirectoryStream<Path> entries) {
    List<Path> list = new ArrayList<>();
    entries.forEach(list::add);
    list.sort(null);
    return list;
  }
}
