package dev.keyrun.inventory;

import java.util.Optional;

/**
 * A systemd service that ran keyrun, such as {@code app.service} of the system manager or of a
 * user's manager ({@code systemctl --user}).
 *
 * @param name the unit name, always ending in {@code .service}
 * @param user whether the unit belongs to a user's service manager
 */
public record SystemdUnit(String name, boolean user) {

  private static final String SERVICE = ".service";

  /** Returns the unit as the inventory stores it: {@code system:NAME} or {@code user:NAME}. */
  String key() {
    return (user ? "user:" : "system:") + name;
  }

  /** Returns {@code system} or {@code user}. */
  public String scope() {
    return user ? "user" : "system";
  }

  /** Parses the form {@link #key()} writes, or returns empty for anything else. */
  static Optional<SystemdUnit> fromKey(String key) {
    if (key.startsWith("system:") && isServiceName(key.substring(7))) {
      return Optional.of(new SystemdUnit(key.substring(7), false));
    }
    if (key.startsWith("user:") && isServiceName(key.substring(5))) {
      return Optional.of(new SystemdUnit(key.substring(5), true));
    }
    return Optional.empty();
  }

  /**
   * Returns the service whose control group {@code cgroup} (the text of {@code /proc/self/cgroup})
   * names: the unified hierarchy's line ({@code 0::PATH}) first, then the {@code name=systemd} line
   * of cgroup v1. A process below {@code user@UID.service} belongs to that user's manager.
   */
  public static Optional<SystemdUnit> fromCgroup(String cgroup) {
    Optional<SystemdUnit> v1 = Optional.empty();
    for (String line : cgroup.split("\n")) {
      if (line.startsWith("0::")) {
        Optional<SystemdUnit> unit = fromPath(line.substring(3));
        if (unit.isPresent()) {
          return unit;
        }
      }
      int named = line.indexOf(":name=systemd:");
      if (named >= 0 && v1.isEmpty()) {
        v1 = fromPath(line.substring(named + ":name=systemd:".length()));
      }
    }
    return v1;
  }

  /**
   * Returns the deepest service in a control group path, such as {@code app.service} in {@code
   * /system.slice/app.service}. A process in a user manager's own group ({@code
   * user@1000.service/init.scope}) belongs to no service of its own, so the result is empty.
   */
  static Optional<SystemdUnit> fromPath(String path) {
    String[] parts = path.strip().split("/");
    int service = -1;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].endsWith(SERVICE)) {
        service = i;
      }
    }
    if (service < 0 || isUserManager(parts[service]) || !isServiceName(parts[service])) {
      return Optional.empty();
    }

    boolean user = false;
    for (int i = 0; i < service; i++) {
      user |= isUserManager(parts[i]);
    }
    return Optional.of(new SystemdUnit(parts[service], user));
  }

  private static boolean isUserManager(String part) {
    if (!part.startsWith("user@") || !part.endsWith(SERVICE)) {
      return false;
    }
    String uid = part.substring(5, part.length() - SERVICE.length());
    return !uid.isEmpty() && uid.chars().allMatch(Character::isDigit);
  }

  /**
   * Tells whether {@code name} is a service name systemd accepts: letters, digits and {@code
   * :-_.\@}, ending in {@code .service}. It never starts with {@code -}, so it cannot be taken for
   * an option of systemctl.
   */
  static boolean isServiceName(String name) {
    if (name.length() <= SERVICE.length() || !name.endsWith(SERVICE) || name.startsWith("-")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ":-_.\\@".indexOf(c) >= 0;
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
