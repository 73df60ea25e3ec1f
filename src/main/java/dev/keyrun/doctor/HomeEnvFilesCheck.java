package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * With {@code --home}, fails for a plaintext env file in the usual places of the home directory
 * (see {@link HomeWalk}) that the group or others can read or write, or that another user owns: the
 * rule of {@code env-permissions}, applied outside the project.
 */
final class HomeEnvFilesCheck implements Check {
  static final String NAME = "home-env-files";

  private final HomeEnvFiles homeEnvFiles;

  HomeEnvFilesCheck(HomeEnvFiles homeEnvFiles) {
    this.homeEnvFiles = homeEnvFiles;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    if (!scope.host().scanHome()) {
      return List.of(Finding.skipped(NAME, "run keyrun doctor --home to walk the home directory"));
    }

    HomeEnvFiles.Result walk = homeEnvFiles.of(scope);
    List<Finding> findings = new ArrayList<>();
    if (!walk.limit().isEmpty()) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              walk.limit() + " in the home directory, so files past it were not checked",
              "run keyrun doctor --dir on the folders that hold env files"));
    }

    for (Path file : walk.plaintextFiles()) {
      EnvPermissionsCheck.check(NAME, file, scope.host().display(file)).ifPresent(findings::add);
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, okMessage(walk.plaintextFiles().size())));
    }
    return findings;
  }

  private static String okMessage(int count) {
    if (count == 0) {
      return "no plaintext env files in the usual places of the home directory";
    }
    return count == 1
        ? "the plaintext env file in the home directory is private to you"
        : "the " + count + " plaintext env files in the home directory are private to you";
  }
}
