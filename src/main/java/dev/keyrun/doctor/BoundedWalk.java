package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * A walk of several roots that shares one budget of entries. It does not follow symbolic links, and
 * skips a root that is one. It skips the directories a predicate accepts, limits the depth of each
 * root, and stops when the budget is spent, recording why.
 */
final class BoundedWalk extends SimpleFileVisitor<Path> {
  private final int maxEntries;
  private final Predicate<Path> skippedDirectory;
  private final Predicate<Path> collectedFile;
  private final List<Path> files = new ArrayList<>();
  private int entries;
  private String limit = "";

  /**
   * Creates a walk that stops after {@code maxEntries} files and directories, does not enter a
   * directory {@code skippedDirectory} accepts (a root included) and collects the regular files
   * {@code collectedFile} accepts.
   */
  BoundedWalk(int maxEntries, Predicate<Path> skippedDirectory, Predicate<Path> collectedFile) {
    this.maxEntries = maxEntries;
    this.skippedDirectory = skippedDirectory;
    this.collectedFile = collectedFile;
  }

  /**
   * Walks {@code root} at most {@code depth} levels deep; {@code root} may also be a single file.
   * Does nothing when the root is missing, is a symbolic link or the budget is spent.
   */
  void walk(Path root, int depth) {
    if (stopped() || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, this);
    } catch (IOException e) {
      if (limit.isEmpty()) {
        limit = "the walk of " + root + " failed: " + e.getMessage();
      }
    }
  }

  /** Returns the files collected, in walk order, with {@code .} elements removed. */
  List<Path> files() {
    return files;
  }

  /** Returns why the walk stopped early, or empty when it did not. */
  String limit() {
    return limit;
  }

  boolean stopped() {
    return entries >= maxEntries;
  }

  @Override
  public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
    if (skippedDirectory.test(directory)) {
      return FileVisitResult.SKIP_SUBTREE;
    }
    return count();
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
    if (attributes.isRegularFile() && collectedFile.test(file)) {
      files.add(file.normalize());
    }
    return count();
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException failure) {
    return count();
  }

  private FileVisitResult count() {
    entries++;
    if (entries >= maxEntries) {
      limit = "the walk stopped after " + maxEntries + " files and directories";
      return FileVisitResult.TERMINATE;
    }
    return FileVisitResult.CONTINUE;
  }

  /** Returns the last element of {@code path}'s name, or empty for a root such as {@code /}. */
  static String name(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }
}
