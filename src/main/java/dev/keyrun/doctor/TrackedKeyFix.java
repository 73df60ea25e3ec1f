package dev.keyrun.doctor;

import java.nio.file.Path;

/**
 * The fix of a key found in a tracked file, which depends on whether the file can hold a reference
 * in place of the key. An env-like file and {@code keyrun.toml} are read by keyrun, and an AI
 * assistant's JSON config starts MCP servers whose environment keyrun resolves when the server is
 * started with {@code keyrun --}. Source code and other files cannot resolve a reference, so the
 * code reads the key from the environment instead.
 */
final class TrackedKeyFix {
  static final String REFERENCE_FILE =
      "rotate it, store the new key with keyrun set and write its reference here";
  static final String ASSISTANT_CONFIG =
      "rotate it, store the new key with keyrun set, write its reference here in place of the key"
          + " and start the server with keyrun -- COMMAND";
  static final String OTHER_FILE =
      "rotate it, store the new key with keyrun set, read it from the environment in the code,"
          + " declare its reference in keyrun.toml or .env and start the program with keyrun --"
          + " COMMAND";

  private TrackedKeyFix() {}

  /** Returns the fix for a key in {@code file}, a path relative to the project directory. */
  static String of(String file) {
    Path path = Path.of(file);
    String name = path.getFileName() == null ? file : path.getFileName().toString();
    if (ProjectWalk.isEnvName(name) || name.equals("keyrun.toml")) {
      return REFERENCE_FILE;
    }
    if (name.endsWith(".json") && isAssistantPlace(path)) {
      return ASSISTANT_CONFIG;
    }
    return OTHER_FILE;
  }

  /** Tells whether {@code path} is one of the assistant places of a project, or inside one. */
  private static boolean isAssistantPlace(Path path) {
    String first = path.getName(0).toString();
    return AssistantPlaces.PROJECT.contains(first)
        || first.startsWith(AssistantPlaces.AIDER_PREFIX)
        || path.getFileName().toString().equals("mcp.json");
  }
}
