package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    TokenScan scan = new TokenScan(scope, NAME);
    scan.scan(shellFiles(scope.host().home()), FILE_EXPOSURE);
    scanAssistantPlaces(scope, scan);
    scan.scan(envFiles(scope), FILE_EXPOSURE);
    findings.addAll(scan.findings());

    if (findings.isEmpty()) {
      findings.add(
          Finding.ok(
              NAME, "no master tokens in the environment or in " + filesRead(scan.filesRead())));
    }
    return findings;
  }

  /**
   * Returns the shell startup files of {@code home} that may exist: {@link #SHELL_FILES} and the
   * {@code .fish} files of {@link #FISH_CONF_D}. Links to one file, such as {@code .bashrc} and
   * {@code .zshrc} linked to one dotfile, give that file once.
   */
  static List<Path> shellFiles(Path home) {
    Set<Path> shellFiles = new LinkedHashSet<>();
    for (String name : SHELL_FILES) {
      shellFiles.add(linkTarget(home.resolve(name)));
    }
    BoundedWalk fish =
        new BoundedWalk(
            AssistantPlaces.MAX_ENTRIES,
            directory -> false,
            file -> BoundedWalk.name(file).endsWith(".fish"));
    fish.walk(home.resolve(FISH_CONF_D), 1);
    shellFiles.addAll(fish.files());
    return List.copyOf(shellFiles);
  }

  /**
   * Returns the file a shell startup file links to, because dotfile managers such as GNU Stow link
   * {@code ~/.bashrc} into a repository; the scan reads regular files only. A file that is no link,
   * or a link that does not resolve, is returned as it is.
   */
  private static Path linkTarget(Path file) {
    if (!Files.isSymbolicLink(file)) {
      return file;
    }
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file;
    }
  }

  private static void scanAssistantPlaces(Scope scope, TokenScan scan) {
    BoundedWalk home = AssistantPlaces.inHome(scope.host().home());
    scan.warnOnLimit(home, "the assistant folders of the home directory");
    scan.scan(home.files(), ASSISTANT_EXPOSURE);

    BoundedWalk project = AssistantPlaces.inProject(scope.project().directory());
    scan.warnOnLimit(project, "the assistant folders of the project");
    scan.scan(project.files(), ASSISTANT_EXPOSURE);
  }

  private List<Path> envFiles(Scope scope) {
    List<Path> envFiles = new ArrayList<>();
    for (Path file : scope.project().plaintextEnvFiles()) {
      envFiles.add(scope.project().directory().resolve(file));
    }
    if (scope.host().scanHome()) {
      envFiles.addAll(homeEnvFiles.of(scope).plaintextFiles());
    }
    return envFiles;
  }

  private static String filesRead(int count) {
    return switch (count) {
      case 0 -> "any shell, assistant or env file (none found)";
      case 1 -> "the 1 shell, assistant or env file read";
      default -> "the " + count + " shell, assistant and env files read";
    };
  }
}
