package dev.keyrun.doctor;

import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fails for a plaintext env file that the group or others can read or write, or that another user
 * owns, because a reader of the file has the secrets and a writer can replace them.
 */
final class EnvPermissionsCheck implements Check {
  static final String NAME = "env-permissions";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    ProjectScope project = scope.project();
    List<Finding> findings = new ArrayList<>();
    if (!project.walkLimit().isEmpty()) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              project.walkLimit() + ", so files past it were not checked",
              "run keyrun doctor --dir on the subdirectory that holds the env files"));
    }

    List<Path> files = project.plaintextEnvFiles();
    for (Path file : files) {
      check(NAME, project.directory().resolve(file), file.toString()).ifPresent(findings::add);
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, okMessage(files.size())));
    }
    return findings;
  }

  private static String okMessage(int count) {
    if (count == 0) {
      return "no plaintext env files";
    }
    return count == 1
        ? "the plaintext env file is private to you"
        : "the " + count + " plaintext env files are private to you";
  }

  /**
   * Returns the failure of the env file {@code path}, shown as {@code name}, for the check {@code
   * check}, or empty when the file is private to the user.
   */
  static java.util.Optional<Finding> check(String check, Path path, String name) {
    String fix = "chmod 600 " + name;
    PosixFileAttributes attributes;
    int owner;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return java.util.Optional.of(
          Finding.about(
              check, Status.WARN, name, name + " could not be read: " + e.getMessage(), ""));
    }

    int user = Posix.effectiveUid();
    if (owner != user) {
      return java.util.Optional.of(
          Finding.about(
              check,
              Status.FAIL,
              name,
              name + " is owned by uid " + owner + ", not by you (uid " + user + ")",
              "move its values to a store, or chown it to yourself and " + fix));
    }

    String access = access(attributes.permissions());
    if (access.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        Finding.about(
            check,
            Status.FAIL,
            name,
            name + " is " + access + " (mode " + mode(attributes.permissions()) + ")",
            fix));
  }

  /** Returns e.g. "readable by others" or "readable and writable by group", or empty. */
  static String access(Set<PosixFilePermission> permissions) {
    List<String> parts = new ArrayList<>();
    String group =
        kinds(
            permissions.contains(PosixFilePermission.GROUP_READ),
            permissions.contains(PosixFilePermission.GROUP_WRITE));
    String others =
        kinds(
            permissions.contains(PosixFilePermission.OTHERS_READ),
            permissions.contains(PosixFilePermission.OTHERS_WRITE));
    if (!group.isEmpty() && group.equals(others)) {
      return group + " by group and others";
    }
    if (!group.isEmpty()) {
      parts.add(group + " by group");
    }
    if (!others.isEmpty()) {
      parts.add(others + " by others");
    }
    return String.join(" and ", parts);
  }

  private static String kinds(boolean read, boolean write) {
    if (read && write) {
      return "readable and writable";
    }
    if (read) {
      return "readable";
    }
    return write ? "writable" : "";
  }

  static String mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      mode |= 1 << (8 - permission.ordinal());
    }
    return Integer.toOctalString(mode);
  }
}
