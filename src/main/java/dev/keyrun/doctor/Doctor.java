package dev.keyrun.doctor;

import java.util.ArrayList;
import java.util.List;

/** Runs a list of checks, in order, and collects their findings into a report. */
public final class Doctor {
  private final List<Check> checks;

  public Doctor(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Returns the checks of a project directory: env files, then keys in tracked files. */
  public static Doctor projectChecks() {
    return new Doctor(
        List.of(
            new EnvPermissionsCheck(),
            new EnvGitCheck(EnvGitCheck.Kind.IGNORED),
            new EnvGitCheck(EnvGitCheck.Kind.TRACKED),
            new EnvGitCheck(EnvGitCheck.Kind.HISTORY),
            new TrackedKeysCheck()));
  }

  /** Runs every check over {@code project}. */
  public DoctorReport run(ProjectScope project) {
    List<Finding> findings = new ArrayList<>();
    for (Check check : checks) {
      findings.addAll(check.run(project));
    }
    return new DoctorReport(project.directory().toString(), findings);
  }
}
