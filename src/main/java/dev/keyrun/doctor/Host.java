package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The machine that {@code keyrun doctor} checks besides the project: the root directory that system
 * paths such as {@code /etc/systemd/system} are looked up under, the home directory, the
 * environment keyrun was started with and the operating system.
 *
 * @param root the directory system paths are resolved under: {@code /}, or another root given with
 *     {@code --root} (a mounted image, or a test's directory)
 * @param home the user's home directory
 * @param environment keyrun's environment; checks read names and test values against patterns, and
 *     never print a value
 * @param osName the {@code os.name} system property, such as {@code Linux} or {@code Mac OS X}
 * @param scanHome whether {@code --home} asked for the walk of the home directory's usual places
 */
public record Host(
    Path root, Path home, Map<String, String> environment, String osName, boolean scanHome) {

  public Host {
    root = root.toAbsolutePath().normalize();
    home = home.toAbsolutePath().normalize();
    environment = Map.copyOf(environment);
  }

  /**
   * Returns the host keyrun runs on, with {@code root} as the root directory. The home directory is
   * $HOME when it is an absolute path, as shells use it, else the home of the user's account.
   */
  public static Host current(Path root, boolean scanHome) {
    String home = System.getenv("HOME");
    return new Host(
        root,
        home != null && home.startsWith("/")
            ? Path.of(home)
            : Path.of(System.getProperty("user.home")),
        System.getenv(),
        System.getProperty("os.name", ""),
        scanHome);
  }

  /** Returns {@code absolute}, such as {@code /etc/systemd/system}, under the root directory. */
  public Path system(String absolute) {
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  /** Tells whether system paths are looked up under another root than {@code /}. */
  public boolean otherRoot() {
    return root.getParent() != null;
  }

  /**
   * Returns the program to run for {@code name}: the value of the environment variable {@code
   * variable} when it is set and not empty, else {@code name}, looked up on PATH.
   */
  public String program(String variable, String name) {
    return Optional.ofNullable(environment.get(variable)).filter(v -> !v.isEmpty()).orElse(name);
  }

  public boolean macOs() {
    return osName.startsWith("Mac");
  }

  public boolean linux() {
    return osName.startsWith("Linux");
  }

  /** Returns {@code file} written with {@code ~} for the home directory, for findings. */
  public String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(home) && !absolute.equals(home)
        ? "~/" + home.relativize(absolute)
        : absolute.toString();
  }
}
