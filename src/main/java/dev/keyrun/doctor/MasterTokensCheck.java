package dev.keyrun.doctor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reports master credentials (see {@link MasterCredential}) where other programs can read them: a
 * warning for one in keyrun's environment, and a failure for each line that contains one in a shell
 * startup file, in an AI assistant's config (see {@link AssistantPlaces}), in a plaintext env file
 * of the project, or with {@code --home} in one of the home directory.
 *
 * <p>A token in a file that git tracks is reported by {@code tracked-keys} too. Both findings stay,
 * because this one names the token as a master credential and gives its own fix.
 */
final class MasterTokensCheck implements Check {
  static final String NAME = "master-tokens";

  /** Shell startup files under the home directory. */
  static final List<String> SHELL_FILES =
      List.of(
          ".bashrc",
          ".bash_profile",
          ".bash_login",
          ".profile",
          ".zshrc",
          ".zprofile",
          ".zshenv",
          ".zlogin",
          ".config/fish/config.fish");

  static final String FISH_CONF_D = ".config/fish/conf.d";

  private static final String FILE_EXPOSURE = "anything that can read this file may have read it";
  private static final String ASSISTANT_EXPOSURE =
      "the assistant and anything else that reads this folder may have read it";

  private final HomeEnvFiles homeEnvFiles;

  MasterTokensCheck(HomeEnvFiles homeEnvFiles) {
    this.homeEnvFiles = homeEnvFiles;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    List<Finding> findings = new ArrayList<>();
    for (MasterTokens.Hit hit : MasterTokens.inEnvironment(scope.host().environment())) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              hit.redacted() + " in keyrun's environment is a " + hit.kind().description(),
              hit.kind().environmentFix()));
    }

    Set<Path> scanned = new LinkedHashSet<>();
    int files = scanShellFiles(scope, scanned, findings);
    files += scanAssistantPlaces(scope, scanned, findings);
    files += scanEnvFiles(scope, scanned, findings);

    if (findings.isEmpty()) {
      findings.add(
          Finding.ok(
              NAME,
              "no master tokens in the environment or in the "
                  + files
                  + " shell, assistant and env files read"));
    }
    return findings;
  }

  private int scanShellFiles(Scope scope, Set<Path> scanned, List<Finding> findings) {
    Path home = scope.host().home();
    List<Path> shellFiles = new ArrayList<>();
    for (String name : SHELL_FILES) {
      shellFiles.add(home.resolve(name));
    }
    BoundedWalk fish =
        new BoundedWalk(
            AssistantPlaces.MAX_ENTRIES,
            directory -> false,
            file -> BoundedWalk.name(file).endsWith(".fish"));
    fish.walk(home.resolve(FISH_CONF_D), 1);
    shellFiles.addAll(fish.files());
    return scanAll(scope, shellFiles, FILE_EXPOSURE, scanned, findings);
  }

  private int scanAssistantPlaces(Scope scope, Set<Path> scanned, List<Finding> findings) {
    BoundedWalk home = AssistantPlaces.inHome(scope.host().home());
    warnOnLimit(home, "the assistant folders of the home directory", findings);
    int count = scanAll(scope, home.files(), ASSISTANT_EXPOSURE, scanned, findings);

    BoundedWalk project = AssistantPlaces.inProject(scope.project().directory());
    warnOnLimit(project, "the assistant folders of the project", findings);
    return count + scanAll(scope, project.files(), ASSISTANT_EXPOSURE, scanned, findings);
  }

  private int scanEnvFiles(Scope scope, Set<Path> scanned, List<Finding> findings) {
    List<Path> envFiles = new ArrayList<>();
    for (Path file : scope.project().plaintextEnvFiles()) {
      envFiles.add(scope.project().directory().resolve(file));
    }
    if (scope.host().scanHome()) {
      envFiles.addAll(homeEnvFiles.of(scope).plaintextFiles());
    }
    return scanAll(scope, envFiles, FILE_EXPOSURE, scanned, findings);
  }

  private static void warnOnLimit(BoundedWalk walk, String places, List<Finding> findings) {
    if (!walk.limit().isEmpty()) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              walk.limit() + " in " + places + ", so files past it were not read",
              "move old sessions and logs out of these folders"));
    }
  }

  /** Scans each file not scanned before, and returns how many files it read. */
  private static int scanAll(
      Scope scope, List<Path> files, String exposure, Set<Path> scanned, List<Finding> findings) {
    int count = 0;
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      if (!scanned.add(absolute) || !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Optional<List<String>> lines = TextFile.lines(absolute);
      if (lines.isEmpty()) {
        continue;
      }
      count++;
      scanLines(display(scope, absolute), lines.get(), exposure, findings);
    }
    return count;
  }

  private static void scanLines(
      String file, List<String> lines, String exposure, List<Finding> findings) {
    for (int i = 0; i < lines.size(); i++) {
      for (MasterTokens.Hit hit : MasterTokens.find(lines.get(i))) {
        findings.add(
            new Finding(
                NAME,
                Status.FAIL,
                hit.redacted() + " is a " + hit.kind().description() + " in plain text",
                hit.kind().fix(exposure),
                file,
                i + 1));
      }
    }
  }

  /** Returns {@code file} relative to the project directory when inside it, else with {@code ~}. */
  private static String display(Scope scope, Path file) {
    Path project = scope.project().directory();
    if (file.startsWith(project) && !file.equals(project)) {
      return project.relativize(file).toString();
    }
    return scope.host().display(file);
  }
}
