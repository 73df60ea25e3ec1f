package dev.keyrun.doctor;

import java.io.IOException;
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

  /**
   * Walks {@code directory} and opens git there, with {@code gitExecutable} as the program. The
   * directory is resolved to its real path, as the working directory already is, because the walk
   * does not follow symbolic links and would find nothing under a {@code --dir} that is one.
   */
  public static ProjectScope of(Path directory, String gitExecutable) {
    Path absolute = realPath(directory.toAbsolutePath().normalize());
    ProjectWalk walk = ProjectWalk.over(absolute);
    Git.Availability git = Git.open(gitExecutable, absolute);
    List<Path> plaintext = PlaintextEnvFiles.of(absolute, walk.envFiles());
    return new ProjectScope(
        absolute, walk.envFiles(), plaintext, walk.limit(), git.git(), git.reason());
  }

  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      return directory;
    }
  }
}
