package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A bounded walk of the project directory that collects env-like files: {@code .env}, {@code
 * .env.*} and {@code *.env}. It does not follow symbolic links, skips version-control, dependency,
 * cache and build directories, and stops at {@link #MAX_DEPTH} levels or {@link #MAX_ENTRIES}
 * entries, so that doctor stays quick in a large tree.
 */
final class ProjectWalk {
  static final int MAX_DEPTH = 8;
  static final int MAX_ENTRIES = 20_000;
  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          "target",
          "dist",
          "build",
          "out",
          ".gradle",
          ".cache",
          "__pycache__",
          ".venv",
          "venv",
          ".tox",
          ".mypy_cache",
          ".pytest_cache",
          ".next",
          "vendor");

  private final List<Path> envFiles;
  private final String limit;

  private ProjectWalk(List<Path> envFiles, String limit) {
    this.envFiles = envFiles;
    this.limit = limit;
  }

  /**
   * Walks {@code directory}, which never counts as a skipped directory itself. A directory that is
   * a symbolic link, such as a project linked into the home directory, is walked at its target.
   */
  static ProjectWalk over(Path directory) {
    Path root = realPath(directory);
    BoundedWalk walk =
        new BoundedWalk(
            MAX_ENTRIES,
            subdirectory ->
                !subdirectory.equals(root)
                    && SKIPPED_DIRECTORIES.contains(BoundedWalk.name(subdirectory)),
            file -> isEnvName(BoundedWalk.name(file)));
    walk.walk(root, MAX_DEPTH);

    List<Path> relative = walk.files().stream().map(root::relativize).toList();
    return new ProjectWalk(relative, walk.limit());
  }

  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      return directory;
    }
  }

  /** Tells whether {@code name} is an env-like file name. */
  static boolean isEnvName(String name) {
    return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
  }

  /** Returns the env-like files, relative to the project directory, in walk order. */
  List<Path> envFiles() {
    return envFiles;
  }

  /** Returns why the walk stopped early, or empty when it did not. */
  String limit() {
    return limit;
  }
}
