package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Checks the files that {@code EnvironmentFile=} lines name, under the host's root. A file with a
 * plaintext value (see {@link PlaintextEnvFiles}) is a warning, because the service receives the
 * values as environment variables, and a failure when others can read it. A missing file is not
 * reported: systemd refuses to start such a unit, or with the {@code -} prefix ignores the line.
 */
final class UnitEnvironmentFiles {
  private final Host host;

  UnitEnvironmentFiles(Host host) {
    this.host = host;
  }

  /**
   * Returns a finding for each file with plaintext values that the {@code EnvironmentFile=} {@code
   * setting} of {@code unit} names: one per file a wildcard matches, because {@code keyrun import}
   * takes one file. Each names the file as it is on disk, under the root directory.
   */
  List<Finding> check(String unit, UnitFile.Setting setting) {
    String path = setting.value().startsWith("-") ? setting.value().substring(1) : setting.value();
    if (!path.startsWith("/")) {
      return List.of();
    }

    List<Finding> findings = new ArrayList<>();
    for (Path named : files(path)) {
      Path file = followOnce(named);
      if (file != null && PlaintextEnvFiles.containsPlaintext(file)) {
        findings.add(finding(unit, setting.line(), path, named.toString(), othersAccess(file)));
      }
    }
    return findings;
  }

  private static Finding finding(
      String unit, int line, String setting, String file, String access) {
    boolean readableByOthers = !access.isEmpty();
    String subject =
        setting.equals(file)
            ? "EnvironmentFile=" + setting + " contains"
            : "EnvironmentFile=" + setting + ": " + file + " contains";
    String finding =
        subject
            + " plaintext values, which the service receives as environment variables"
            + (readableByOthers ? ", and the file is " + access : "");
    String fix =
        (readableByOthers ? "chmod 600 " + file + ", then " : "")
            + "move the values into credentials: keyrun import "
            + file
            + " --to systemd-creds --apply";
    return new Finding(
        SystemdUnitsCheck.NAME,
        readableByOthers ? Status.FAIL : Status.WARN,
        finding,
        fix,
        unit,
        line);
  }

  /**
   * Returns the files {@code path} names under the root: the file itself, or for a path whose last
   * part contains a wildcard such as {@code /etc/app/*.env} the matching files of its directory.
   */
  private List<Path> files(String path) {
    Path file;
    try {
      file = host.system(path).normalize();
    } catch (InvalidPathException e) {
      // A NUL byte in the value: systemd rejects the line, so there is no file to check.
      return List.of();
    }
    if (!file.startsWith(host.root())) {
      return List.of();
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (!name.matches(".*[*?\\[].*")) {
      return List.of(file);
    }

    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    } catch (PatternSyntaxException e) {
      // In POSIX pattern matching a [ that starts no bracket expression matches itself.
      return List.of(file);
    }
    try (Stream<Path> entries = Files.list(file.getParent())) {
      return entries.filter(entry -> matcher.matches(entry.getFileName())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Returns {@code file}, or the target of a symbolic link resolved under the root, when that is a
   * regular file; else null.
   */
  private Path followOnce(Path file) {
    Path target = file;
    try {
      if (Files.isSymbolicLink(file)) {
        Path link = Files.readSymbolicLink(file);
        target =
            link.isAbsolute()
                ? host.system(link.toString()).normalize()
                : file.getParent().resolve(link).normalize();
      }
    } catch (IOException e) {
      return null;
    }
    boolean inside = target.startsWith(host.root());
    return inside && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
  }

  /** Returns e.g. "readable by others (mode 644)", or empty when others cannot read the file. */
  private static String othersAccess(Path file) {
    try {
      Set<PosixFilePermission> permissions =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .permissions();
      if (!permissions.contains(PosixFilePermission.OTHERS_READ)) {
        return "";
      }
      return EnvPermissionsCheck.access(permissions)
          + " (mode "
          + EnvPermissionsCheck.mode(permissions)
          + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
