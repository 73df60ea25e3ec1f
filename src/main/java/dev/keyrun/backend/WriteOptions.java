package dev.keyrun.backend;

/**
 * Options of {@code keyrun set} that change how a store writes a value.
 *
 * @param allowAnyApp let every application read the item without a prompt (macOS Keychain only)
 */
public record WriteOptions(boolean allowAnyApp) {

  /** The default: only the program that wrote the item may read it without asking. */
  public static final WriteOptions DEFAULT = new WriteOptions(false);
}
