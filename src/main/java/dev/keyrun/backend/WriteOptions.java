package dev.keyrun.backend;

/**
 * How {@code keyrun set} writes a value.
 *
 * @param allowAnyApp let every application read the item without a prompt (macOS Keychain only)
 */
public record WriteOptions(boolean allowAnyApp) {

  /** The default: only the program that wrote the item may read it without asking. */
  public static final WriteOptions DEFAULT = new WriteOptions(false);
}
