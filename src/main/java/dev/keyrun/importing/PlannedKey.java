package dev.keyrun.importing;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.reference.Reference;

/**
 * The plan of an import for one assignment of an env file. {@link #toString()} never shows the
 * value, because the plain text is a secret.
 *
 * @param entry the assignment as parsed
 * @param action what happens to it
 * @param plainText the value of an assignment to move, else null
 * @param reference the reference that replaces the value, else null
 * @param reason why the assignment is left as is, else null
 */
record PlannedKey(
    DotenvEntry entry, Action action, String plainText, Reference reference, String reason) {

  /** The step an import takes for an assignment. */
  enum Action {
    /** Store the plain value and replace it with a reference. */
    MOVE,
    /** Replace the plain value with a reference to the equal value the store already holds. */
    REUSE,
    /** Keep the value, which already is a reference. */
    REFERENCE,
    /** Keep the value, a setting that {@code --keep} names. */
    KEPT,
    /** Keep the value, for the reason given. */
    LEFT
  }

  static PlannedKey move(DotenvEntry entry, String plainText, Reference reference) {
    return new PlannedKey(entry, Action.MOVE, plainText, reference, null);
  }

  static PlannedKey reference(DotenvEntry entry) {
    return new PlannedKey(entry, Action.REFERENCE, null, null, null);
  }

  static PlannedKey kept(DotenvEntry entry) {
    return new PlannedKey(entry, Action.KEPT, null, null, null);
  }

  static PlannedKey left(DotenvEntry entry, String reason) {
    return new PlannedKey(entry, Action.LEFT, null, null, reason);
  }

  /** Returns this key planned as {@link Action#REUSE}. */
  PlannedKey reused() {
    return new PlannedKey(entry, Action.REUSE, plainText, reference, null);
  }

  String key() {
    return entry.key();
  }

  /** Tells whether the env file changes for this key: its value becomes a reference. */
  boolean rewrites() {
    return action == Action.MOVE || action == Action.REUSE;
  }

  /** Returns the line the dry run and the apply print for this key, without any value. */
  String describe() {
    return switch (action) {
      case MOVE -> key() + ": plain value -> " + reference + " (new)";
      case REUSE ->
          key() + ": plain value -> " + reference + " (the store already holds this value)";
      case REFERENCE -> key() + ": already a reference, unchanged";
      case KEPT -> key() + ": kept as is (--keep)";
      case LEFT -> key() + ": left as is: " + reason;
    };
  }

  @Override
  public String toString() {
    return "PlannedKey[" + key() + ", " + action + ", line " + entry.line() + "]";
  }
}
