package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A bounded walk of the project directory that collects env-like files: {@code .env}, {@code
 * .env.*} and {@code *.env}. It does not follow symbolic links, skips version-control, dependency,
 * cache and build directories, and stops at {@link #MAX_DEPTH} levels or {@link #MAX_ENTRIES}
 * entries, so that doctor stays quick in a large tree.
 */
final class ProjectWalk extends SimpleFileVisitor<Path> {
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

  private final Path root;
  private final List<Path> envFiles = new ArrayList<>();
  private int entries;
  private String limit = "";

  private ProjectWalk(Path root) {
    this.root = root;
  }

  static ProjectWalk over(Path root) {
    ProjectWalk walk = new ProjectWalk(root);
    try {
      Files.walkFileTree(
          root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, walk);
    } catch (IOException e) {
      walk.limit = "the walk of " + root + " failed: " + e.getMessage();
    }
    return walk;
  }

  /** Tells whether {@code name} is an env-like file name. */
  static boolean isEnvName(String name) {
    return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
  }

  List<Path> envFiles() {
    return envFiles;
  }

  String limit() {
    return limit;
  }

  @Override
  public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
    if (!directory.equals(root) && SKIPPED_DIRECTORIES.contains(name(directory))) {
      return FileVisitResult.SKIP_SUBTREE;
    }
    return count();
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
    if (attributes.isRegularFile() && isEnvName(name(file))) {
      envFiles.add(root.relativize(file));
    }
    return count();
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException failure) {
    return count();
  }

  private FileVisitResult count() {
    entries++;
    if (entries >= MAX_ENTRIES) {
      limit = "the walk stopped after " + MAX_ENTRIES + " files and directories";
      return FileVisitResult.TERMINATE;
    }
    return FileVisitResult.CONTINUE;
  }

  private static String name(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }
}
