package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reports the secrets that an {@code Environment=} line of a unit file sets. The finding states who
 * can read the value: by the unit file's mode, and through {@code systemctl show}, which prints the
 * variables of a system unit to every user and those of a user unit to its user. The fix names the
 * credential as the variable is written ({@code API_KEY}), as {@code keyrun import --to
 * systemd-creds} and {@code keyrun systemd unit} do.
 */
final class UnitEnvironmentSecrets {
  private final Host host;

  UnitEnvironmentSecrets(Host host) {
    this.host = host;
  }

  /** Returns a failure for each secret that {@code setting} of {@code unit} sets. */
  List<Finding> check(Path unit, UnitFile.Setting setting) {
    List<Finding> findings = new ArrayList<>();
    boolean userUnit = isUserUnit(unit);
    for (var assignment : EnvironmentAssignments.parse(setting.value())) {
      Optional<String> secret = SecretAssignments.describe(assignment.name(), assignment.value());
      if (secret.isEmpty()) {
        continue;
      }
      String name = assignment.name();
      findings.add(
          new Finding(
              SystemdUnitsCheck.NAME,
              Status.FAIL,
              "Environment= sets " + name + " to " + secret.get() + "; " + exposure(unit, userUnit),
              userUnit ? userFix(name) : systemFix(name),
              host.display(unit),
              setting.line()));
    }
    return findings;
  }

  /**
   * Tells whether {@code unit} is run by a user's service manager: it is in the user's own unit
   * directory, or in {@code /etc/systemd/user}, which every user's manager loads.
   */
  private boolean isUserUnit(Path unit) {
    return unit.startsWith(host.home().resolve(UnitDirectories.USER_HOME))
        || unit.startsWith(host.system(UnitDirectories.USER_SYSTEM_WIDE));
  }

  private static String exposure(Path unit, boolean userUnit) {
    String access = fileAccess(unit);
    if (userUnit) {
      String file =
          access.isEmpty()
              ? "every program running as this user can read the unit file"
              : "the unit file is " + access;
      return file + ", and systemctl --user show prints the value";
    }
    String show = "systemctl show prints the value to every user";
    return access.isEmpty() ? show : "the unit file is " + access + ", and " + show;
  }

  private static String systemFix(String name) {
    return "store it with keyrun systemd encrypt "
        + name
        + ", load it with LoadCredentialEncrypted="
        + name
        + " and read $CREDENTIALS_DIRECTORY/"
        + name
        + ", or generate the unit with keyrun systemd unit";
  }

  /**
   * Returns the fix for a user unit. The user's service manager cannot decrypt credentials
   * encrypted with the host key in /etc/credstore.encrypted, and {@code systemd-creds --user},
   * which encrypts for one user, exists from systemd 256 on.
   */
  private static String userFix(String name) {
    return "store it with keyrun set dotenv:"
        + name
        + " (the user's mode 600 store file), set Environment="
        + name
        + "=dotenv:"
        + name
        + " and start the program with ExecStart=keyrun -- COMMAND; with systemd 256 or later,"
        + " systemd-creds --user encrypt and LoadCredentialEncrypted="
        + name
        + " work for user units too";
  }

  /** Returns e.g. "readable by group and others (mode 644)", or empty for the owner alone. */
  private static String fileAccess(Path unit) {
    try {
      Set<PosixFilePermission> permissions =
          Files.readAttributes(unit, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .permissions();
      String access = EnvPermissionsCheck.access(permissions);
      if (access.isEmpty()) {
        return "";
      }
      return access + " (mode " + EnvPermissionsCheck.mode(permissions) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
