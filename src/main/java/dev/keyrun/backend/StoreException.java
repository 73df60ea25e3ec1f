package dev.keyrun.backend;

/**
 * A store that failed to respond: unreadable file, unsafe permissions, missing tool, timeout. This
 * differs from a missing entry, which a backend reports as an empty result.
 *
 * <p>The message names files, keys and references, never a value.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;

  public StoreException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public StoreException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** Returns what the user can do about it, or null. */
  public String hint() {
    return hint;
  }
}
