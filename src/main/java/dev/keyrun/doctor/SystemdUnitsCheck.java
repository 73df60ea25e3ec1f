package dev.keyrun.doctor;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fails for a systemd service unit that puts a secret into its environment with {@code
 * Environment=} (see {@link UnitEnvironmentSecrets}), because {@code systemctl show} prints the
 * variables and unit files are often readable by every user. It also reports {@code
 * EnvironmentFile=} files with plaintext values (see {@link UnitEnvironmentFiles}) and keyrun
 * command lines that pass keys with {@code --as-env}, since a variable leaks through {@code
 * /proc/PID/environ}, crash dumps and every child process.
 */
final class SystemdUnitsCheck implements Check {
  static final String NAME = "systemd-units";

  /** Unit files larger than this are not read: a real unit file is a few kilobytes. */
  static final long MAX_BYTES = 1 << 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    Host host = scope.host();
    UnitDirectories.Listing listing = UnitDirectories.of(host);
    if (listing.files().isEmpty()) {
      return List.of(
          Finding.skipped(
              NAME,
              "no systemd unit files under "
                  + host.root()
                  + " or in ~/"
                  + UnitDirectories.USER_HOME));
    }

    List<Finding> findings = new ArrayList<>();
    if (!listing.limit().isEmpty()) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              listing.limit() + ", so units past it were not checked",
              "run keyrun doctor --root on a copy that contains only the units to check"));
    }
    UnitEnvironmentSecrets secrets = new UnitEnvironmentSecrets(host);
    UnitEnvironmentFiles environmentFiles = new UnitEnvironmentFiles(host);
    for (Path file : listing.files()) {
      findings.addAll(check(host, secrets, environmentFiles, file));
    }

    if (findings.isEmpty()) {
      findings.add(
          Finding.ok(
              NAME,
              "no unit puts a secret into its environment ("
                  + count(listing.files().size())
                  + " read)"));
    }
    return findings;
  }

  private static List<Finding> check(
      Host host, UnitEnvironmentSecrets secrets, UnitEnvironmentFiles environmentFiles, Path file) {
    String display = host.display(file);
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        return List.of(
            Finding.about(NAME, Status.WARN, display, "not read: larger than 1 MiB", ""));
      }
      text = new String(Files.readAllBytes(file), UTF_8);
    } catch (IOException e) {
      return List.of(
          Finding.about(NAME, Status.WARN, display, "cannot be read: " + e.getMessage(), ""));
    }

    List<Finding> findings = new ArrayList<>();
    for (UnitFile.Setting setting : UnitFile.parse(text)) {
      if (!setting.section().equals("Service")) {
        continue;
      }
      if (setting.key().equals("Environment")) {
        findings.addAll(secrets.check(file, setting));
      } else if (setting.key().equals("EnvironmentFile")) {
        findings.addAll(environmentFiles.check(display, setting));
      } else if (setting.key().startsWith("Exec")) {
        asEnv(display, setting).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /** Reports an {@code Exec*=} command line that runs keyrun with {@code --as-env}. */
  private static Optional<Finding> asEnv(String display, UnitFile.Setting setting) {
    List<String> words = List.of(setting.value().split("[ \t]+"));
    if (words.isEmpty() || !isKeyrun(words.get(0))) {
      return Optional.empty();
    }
    for (String word : words) {
      if (word.equals("--")) {
        break;
      }
      if (word.equals("--as-env") || word.startsWith("--as-env=")) {
        return Optional.of(
            new Finding(
                NAME,
                Status.WARN,
                setting.key()
                    + "= runs keyrun with --as-env, which passes keys as environment"
                    + " variables that /proc/PID/environ and child processes expose",
                "leave out --as-env and have the program read NAME_FILE or"
                    + " $CREDENTIALS_DIRECTORY/NAME",
                display,
                setting.line()));
      }
    }
    return Optional.empty();
  }

  /**
   * Tells whether an {@code Exec*=} program, after systemd's prefixes such as {@code -}, is keyrun.
   */
  private static boolean isKeyrun(String program) {
    String path = program.replaceFirst("^[-@:+!|]+", "");
    return path.equals("keyrun") || path.endsWith("/keyrun");
  }

  private static String count(int files) {
    return files == 1 ? "1 unit file" : files + " unit files";
  }
}
