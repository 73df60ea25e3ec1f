package dev.keyrun.doctor;

import java.util.ArrayList;
import java.util.List;

/** Runs a list of checks, in order, and collects their findings into a report. */
public final class Doctor {
  private final List<Check> checks;

  public Doctor(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * Returns every check, in the order of the report: the project's env files and tracked keys
   * first, then the checks of the machine.
   */
  public static Doctor standard() {
    List<Check> all = new ArrayList<>(projectChecks());
    all.addAll(machineChecks());
    return new Doctor(all);
  }

  /**
   * Returns the checks of a project directory: env files, keys in tracked files, then the age and
   * the copies of the keys the project declares.
   */
  static List<Check> projectChecks() {
    return List.of(
        new EnvPermissionsCheck(),
        new EnvGitCheck(EnvGitCheck.Kind.IGNORED),
        new EnvGitCheck(EnvGitCheck.Kind.TRACKED),
        new EnvGitCheck(EnvGitCheck.Kind.HISTORY),
        new TrackedKeysCheck(),
        new RotationAgeCheck(),
        new KeyCopiesCheck());
  }

  /** Returns the checks of the host the project is on. */
  static List<Check> machineChecks() {
    HomeEnvFiles homeEnvFiles = new HomeEnvFiles();
    return List.of(
        new HomeEnvFilesCheck(homeEnvFiles),
        new MasterTokensCheck(homeEnvFiles),
        new ShellKeysCheck(),
        new DiskEncryptionCheck(),
        new BackupsCheck(),
        new SystemdUnitsCheck(),
        new StoresCheck());
  }

  /** Runs every check over {@code scope}. */
  public DoctorReport run(Scope scope) {
    List<Finding> findings = new ArrayList<>();
    for (Check check : checks) {
      findings.addAll(runIsolated(check, scope));
    }
    return new DoctorReport(scope.project().directory().toString(), findings);
  }

  /**
   * Runs {@code check}, turning an exception it throws into a skipped finding, so that one broken
   * check costs its own line and not the report. The finding names the exception's class only,
   * because a message can quote the text of the file that was read.
   */
  private static List<Finding> runIsolated(Check check, Scope scope) {
    try {
      return check.run(scope);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(
          Finding.skipped(
              check.name(),
              "the check failed with " + e.getClass().getName() + ", a bug in keyrun to report"));
    }
  }
}
