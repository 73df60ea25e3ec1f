package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warns when the root, home or project directory is on a disk without encryption, because a
 * mode-600 env file or the keyring protects keys from other users but not from anyone who reads the
 * disk. On Linux it reads the mounts and sysfs (see {@link BlockDevices}), and on macOS it runs
 * {@code fdesetup status} (see {@link FileVaultStatus}).
 */
final class DiskEncryptionCheck implements Check {
  static final String NAME = "disk-encryption";

  static final String FIX =
      "encrypt the disk (LUKS, usually chosen when the system is installed), or keep keys in a"
          + " store that encrypts them: the keyring, 1Password or systemd credentials";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    Host host = scope.host();
    if (host.macOs()) {
      return List.of(new FileVaultStatus(host).finding());
    }
    if (!host.linux()) {
      return List.of(
          Finding.skipped(
              NAME, "disk encryption is checked on Linux and macOS, not on " + host.osName()));
    }

    Path mountinfo = host.system("/proc/self/mountinfo");
    MountTable mounts;
    try {
      mounts = MountTable.read(mountinfo);
    } catch (IOException e) {
      return List.of(
          Finding.skipped(NAME, mountinfo + " could not be read (" + e.getMessage() + ")"));
    }

    Map<MountTable.Mount, List<String>> directoriesByMount = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    add(directoriesByMount, findings, mounts, Path.of("/"), "root");
    add(directoriesByMount, findings, mounts, host.home(), "home");
    add(directoriesByMount, findings, mounts, scope.project().directory(), "project");

    BlockDevices devices = new BlockDevices(host);
    directoriesByMount.forEach(
        (mount, names) -> findings.add(finding(mount, names, devices.of(mount))));
    return findings;
  }

  private static void add(
      Map<MountTable.Mount, List<String>> directoriesByMount,
      List<Finding> findings,
      MountTable mounts,
      Path directory,
      String name) {
    Optional<MountTable.Mount> mount = mounts.containing(realPath(directory));
    if (mount.isEmpty()) {
      findings.add(
          Finding.skipped(NAME, "no mount contains the " + name + " directory " + directory));
      return;
    }
    directoriesByMount.computeIfAbsent(mount.get(), key -> new ArrayList<>()).add(name);
  }

  private static Finding finding(MountTable.Mount mount, List<String> names, Encryption result) {
    String point = mount.mountPoint();
    String contents = " (it contains the " + joined(names) + ")";
    switch (result.state()) {
      case ENCRYPTED:
        return Finding.ok(NAME, point + " is on " + result.detail() + contents);
      case IN_MEMORY:
        return Finding.ok(NAME, point + " is a " + result.detail() + " kept in memory" + contents);
      case NOT_ENCRYPTED:
        return Finding.about(
            NAME,
            Status.WARN,
            null,
            point + " is on " + result.detail() + ", which is not encrypted" + contents,
            FIX);
      default:
        return Finding.skipped(
            NAME,
            "unknown whether " + point + " is encrypted: it is " + result.detail() + contents);
    }
  }

  /**
   * Returns "home directory", "root and home directories" or "root, home and project directories".
   */
  static String joined(List<String> names) {
    if (names.size() == 1) {
      return names.get(0) + " directory";
    }
    String last = names.get(names.size() - 1);
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + last + " directories";
  }

  /** Follows symbolic links, so a home directory linked to another disk is checked there. */
  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      return directory.toAbsolutePath().normalize();
    }
  }
}
