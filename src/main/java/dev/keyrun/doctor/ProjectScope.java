package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The input of the project checks: the project directory, the env-like files a bounded walk found
 * there, and git when the directory is in a work tree.
 *
 * @param directory the absolute project directory
 * @param envFiles the env-like files, relative to {@code directory}, in walk order
 * @param plaintextEnvFiles those of {@code envFiles} that contain a plaintext value (see {@link
 *     PlaintextEnvFiles})
 * @param walkLimit a description of the limit that stopped the walk early, or empty
 * @param git git for {@code directory}, or empty
 * @param gitMissing why {@code git} is empty, or empty
 */
public record ProjectScope(
    Path directory,
    List<Path> envFiles,
    List<Path> plaintextEnvFiles,
    String walkLimit,
    Optional<Git> git,
    String gitMissing) {

  public ProjectScope {
    envFiles = List.copyOf(envFiles);
    plaintextEnvFiles = List.copyOf(plaintextEnvFiles);
  }

  /** Walks {@code directory} and opens git there, with {@code gitExecutable} as the program. */
  public static ProjectScope of(Path directory, String gitExecutable) {
    Path absolute = directory.toAbsolutePath().normalize();
    ProjectWalk walk = ProjectWalk.over(absolute);
    Git.Availability git = Git.open(gitExecutable, absolute);
    List<Path> plaintext = PlaintextEnvFiles.of(absolute, walk.envFiles());
    return new ProjectScope(
        absolute, walk.envFiles(), plaintext, walk.limit(), git.git(), git.reason());
  }
}
