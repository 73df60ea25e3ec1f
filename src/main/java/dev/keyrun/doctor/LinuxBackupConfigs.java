package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the configurations of known Linux backup tools: borgmatic, rsnapshot and Timeshift. System
 * paths are looked up under the root directory, the user's under the home directory.
 */
final class LinuxBackupConfigs {
  /** The places searched, for the finding when none is there. */
  static final String LOOKED_FOR =
      "borgmatic's ~/.config/borgmatic/config.yaml, ~/.config/borgmatic.d/*.yaml,"
          + " /etc/borgmatic/config.yaml and /etc/borgmatic.d/*.yaml, /etc/rsnapshot.conf, and"
          + " Timeshift's /etc/timeshift/timeshift.json and /etc/timeshift.json";

  /**
   * The configurations found and those that could not be read.
   *
   * @param plans one per configuration file read
   * @param unreadable one skipped finding per file that exists but could not be read
   */
  record Found(List<BackupPlan> plans, List<Finding> unreadable) {}

  private final Host host;
  private final List<BackupPlan> plans = new ArrayList<>();
  private final List<Finding> unreadable = new ArrayList<>();

  private LinuxBackupConfigs(Host host) {
    this.host = host;
  }

  static Found find(Host host) {
    LinuxBackupConfigs configs = new LinuxBackupConfigs(host);
    configs.borgmatic();
    configs.read(host.system("/etc/rsnapshot.conf"), RsnapshotConfig::read);
    configs.read(host.system("/etc/timeshift/timeshift.json"), TimeshiftConfig::read);
    configs.read(host.system("/etc/timeshift.json"), TimeshiftConfig::read);
    return new Found(List.copyOf(configs.plans), List.copyOf(configs.unreadable));
  }

  private void borgmatic() {
    Path config = configHome();
    List<Path> files = new ArrayList<>();
    files.add(config.resolve("borgmatic/config.yaml"));
    files.addAll(yamlFiles(config.resolve("borgmatic.d")));
    files.add(host.system("/etc/borgmatic/config.yaml"));
    files.addAll(yamlFiles(host.system("/etc/borgmatic.d")));
    for (Path file : files) {
      read(file, path -> BorgmaticConfig.read(path, host.home()));
    }
  }

  /** Returns $XDG_CONFIG_HOME when it is absolute, else ~/.config, as borgmatic resolves it. */
  private Path configHome() {
    String variable = host.environment().getOrDefault("XDG_CONFIG_HOME", "");
    return variable.startsWith("/") ? Path.of(variable) : host.home().resolve(".config");
  }

  private List<Path> yamlFiles(Path directory) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
      entries.forEach(files::add);
    } catch (IOException e) {
      unreadable.add(skipped(directory, e));
    }
    files.sort(null);
    return files;
  }

  private interface Reader {
    BackupPlan read(Path file) throws IOException;
  }

  private void read(Path file, Reader reader) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      plans.add(reader.read(file));
    } catch (IOException | RuntimeException e) {
      unreadable.add(skipped(file, e));
    }
  }

  private Finding skipped(Path file, Exception e) {
    String reason;
    if (e instanceof java.nio.file.AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof PatternSyntaxException invalid) {
      // The full message spans several lines, and a finding is one line.
      reason = "invalid pattern: " + invalid.getDescription();
    } else {
      reason = e.getMessage();
    }
    return Finding.skipped(
        BackupsCheck.NAME,
        host.display(file)
            + " could not be read ("
            + reason
            + "), so its backups were not checked");
  }
}
