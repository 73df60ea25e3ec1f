package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The folders and files where AI coding assistants and their MCP server configs keep settings, in
 * the home directory and in a project. Anything written there, such as a token in an MCP server's
 * {@code env} block, is read by the assistant and often sent to its model. The walk of these places
 * is bounded: {@link #MAX_DEPTH} levels, {@link #MAX_ENTRIES} files and directories per side, no
 * symbolic links, no extension, dependency or cache folders.
 */
final class AssistantPlaces {
  static final int MAX_DEPTH = 5;
  static final int MAX_ENTRIES = 5_000;

  /** Places under the home directory, files or folders. */
  static final List<String> HOME =
      List.of(
          ".claude",
          ".claude.json",
          ".cursor",
          ".codeium",
          ".continue",
          ".gemini",
          ".codex",
          ".windsurf",
          ".vscode",
          ".aws/amazonq",
          ".config/github-copilot",
          ".config/Claude",
          ".config/Code/User/settings.json",
          ".config/Code/User/mcp.json",
          ".config/zed/settings.json",
          ".config/goose",
          ".config/opencode",
          "Library/Application Support/Claude",
          "Library/Application Support/Code/User/settings.json",
          "Library/Application Support/Code/User/mcp.json");

  /** Places inside a project, files or folders. */
  static final List<String> PROJECT =
      List.of(
          ".claude",
          ".cursor",
          ".vscode",
          ".mcp.json",
          ".continue",
          ".gemini",
          ".codex",
          ".windsurf",
          "CLAUDE.md",
          "AGENTS.md",
          "GEMINI.md",
          ".cursorrules",
          ".windsurfrules");

  /** Names in both lists that start with this are places too, such as {@code .aider.conf.yml}. */
  static final String AIDER_PREFIX = ".aider";

  /** Folders inside the places that hold installed code or caches rather than settings. */
  static final Set<String> SKIPPED_NAMES =
      Set.of("extensions", "node_modules", ".git", "cache", "Cache", "CachedData", "GPUCache");

  private AssistantPlaces() {}

  /** Returns the files of the places under {@code home}, found by a bounded walk. */
  static BoundedWalk inHome(Path home) {
    return walk(home, HOME);
  }

  /** Returns the files of the places inside {@code project}, found by a bounded walk. */
  static BoundedWalk inProject(Path project) {
    return walk(project, PROJECT);
  }

  private static BoundedWalk walk(Path base, List<String> places) {
    BoundedWalk walk =
        new BoundedWalk(
            MAX_ENTRIES,
            directory -> SKIPPED_NAMES.contains(BoundedWalk.name(directory)),
            file -> true);
    for (String place : places) {
      walk.walk(base.resolve(place), MAX_DEPTH);
    }
    for (Path aider : aiderPlaces(base)) {
      walk.walk(aider, MAX_DEPTH);
    }
    return walk;
  }

  private static List<Path> aiderPlaces(Path base) {
    List<Path> places = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, AIDER_PREFIX + "*")) {
      for (Path entry : entries) {
        places.add(entry);
      }
    } catch (IOException e) {
      return List.of();
    }
    places.sort(null);
    return places;
  }
}
