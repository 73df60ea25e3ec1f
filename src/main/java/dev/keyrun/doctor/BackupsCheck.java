package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warns when a backup copies the project's plaintext env files, because keys in a backup outlive
 * their rotation and travel wherever the backup goes. On macOS it runs {@code tmutil} (see {@link
 * TimeMachineBackups}), and on Linux it reads known backup tools' configurations (see {@link
 * LinuxBackupConfigs}).
 */
final class BackupsCheck implements Check {
  static final String NAME = "backups";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    ProjectScope project = scope.project();
    Host host = scope.host();
    if (project.plaintextEnvFiles().isEmpty()) {
      return List.of(Finding.ok(NAME, "no plaintext env files to back up"));
    }
    if (host.macOs()) {
      return new TimeMachineBackups(host).findings(project);
    }
    if (!host.linux()) {
      return List.of(
          Finding.skipped(NAME, "backups are checked on Linux and macOS, not on " + host.osName()));
    }

    LinuxBackupConfigs.Found found = LinuxBackupConfigs.find(host);
    List<Finding> findings = new ArrayList<>(found.unreadable());
    if (found.plans().isEmpty() && findings.isEmpty()) {
      return List.of(
          Finding.skipped(
              NAME,
              "no known backup tool's configuration found (looked for "
                  + LinuxBackupConfigs.LOOKED_FOR
                  + ")"));
    }

    for (BackupPlan plan : found.plans()) {
      for (Path file : project.plaintextEnvFiles()) {
        if (plan.backsUp().test(realPath(project.directory().resolve(file)))) {
          findings.add(warning(host, plan, file.toString()));
        }
      }
    }
    if (findings.stream().noneMatch(finding -> finding.status() == Status.WARN)
        && !found.plans().isEmpty()) {
      findings.add(
          Finding.ok(
              NAME,
              "no backup copies the plaintext env files (" + tools(host, found.plans()) + ")"));
    }
    return findings;
  }

  private static Finding warning(Host host, BackupPlan plan, String file) {
    return Finding.about(
        NAME,
        Status.WARN,
        file,
        file + " is backed up by " + plan.tool() + " (" + host.display(plan.config()) + ")",
        "exclude it in "
            + host.display(plan.config())
            + ", or move its values into a store with"
            + " keyrun import");
  }

  /** Returns "borgmatic: ~/.config/borgmatic/config.yaml, rsnapshot: /etc/rsnapshot.conf". */
  private static String tools(Host host, List<BackupPlan> plans) {
    Set<String> names = new LinkedHashSet<>();
    for (BackupPlan plan : plans) {
      names.add(plan.tool() + ": " + host.display(plan.config()));
    }
    return String.join(", ", names);
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
