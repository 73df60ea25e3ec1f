package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The walk of the home directory's usual places for env-like files (the names {@link
 * ProjectWalk#isEnvName} accepts). It walks the files directly in the home directory, {@code
 * ~/.config}, {@code ~/.local/share} and the usual project folders ({@code ~/src}, {@code
 * ~/projects} and the others of {@link #PROJECT_FOLDERS}), not the whole home directory, whose
 * media, mail and application data hold no env files but many entries. It skips the directories the
 * project walk skips, package caches and trash, and the project directory, which the project checks
 * already walk.
 */
final class HomeWalk {
  static final int CONFIG_DEPTH = 4;
  static final int PROJECT_DEPTH = 6;
  static final int MAX_ENTRIES = 100_000;

  static final List<String> CONFIG_FOLDERS = List.of(".config", ".local/share");
  static final List<String> PROJECT_FOLDERS =
      List.of(
          "src",
          "code",
          "projects",
          "Projects",
          "work",
          "dev",
          "git",
          "repos",
          "workspace",
          "Developer");

  /** Directory names skipped wherever they are, besides those of the project walk. */
  static final Set<String> SKIPPED_NAMES =
      Set.of(
          ".npm",
          ".m2",
          ".cargo",
          ".rustup",
          ".pnpm-store",
          ".yarn",
          ".terraform",
          ".ruff_cache",
          "Cache",
          "Code Cache",
          "CachedData",
          "GPUCache",
          "Trash");

  /** Directories skipped by their path under the home directory. */
  static final List<String> SKIPPED_PATHS =
      List.of(
          ".local/share/Trash",
          ".local/share/containers",
          ".local/share/flatpak",
          ".local/share/Steam",
          "go/pkg",
          "Library/Caches");

  private HomeWalk() {}

  /**
   * Walks the usual places of {@code home}, leaving out {@code project} and everything below it.
   */
  static BoundedWalk over(Path home, Path project) {
    Set<Path> skipped = new HashSet<>();
    for (String path : SKIPPED_PATHS) {
      skipped.add(home.resolve(path));
    }
    BoundedWalk walk =
        new BoundedWalk(
            MAX_ENTRIES,
            directory -> isSkipped(directory, home, project, skipped),
            file -> !file.startsWith(project) && ProjectWalk.isEnvName(BoundedWalk.name(file)));

    // The walk skips a root that is a symbolic link, but $HOME may be one (to another disk, say),
    // and the files in it are still the user's. A path ending in "." is resolved through the link.
    walk.walk(home.resolve("."), 1);
    for (String folder : CONFIG_FOLDERS) {
      walk.walk(home.resolve(folder), CONFIG_DEPTH);
    }
    for (String folder : PROJECT_FOLDERS) {
      walk.walk(home.resolve(folder), PROJECT_DEPTH);
    }
    return walk;
  }

  private static boolean isSkipped(Path directory, Path home, Path project, Set<Path> skipped) {
    if (directory.startsWith(project) || skipped.contains(directory)) {
      return true;
    }
    if (directory.equals(home)) {
      return false;
    }
    String name = BoundedWalk.name(directory);
    return ProjectWalk.SKIPPED_DIRECTORIES.contains(name) || SKIPPED_NAMES.contains(name);
  }
}
