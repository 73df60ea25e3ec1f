package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import java.util.List;

/**
 * A store that failed to respond: unreadable file, unsafe permissions, missing tool, timeout. This
 * differs from a missing entry, which a backend reports as an empty result.
 *
 * <p>The message names files, keys and references, never a value.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;
  private transient List<Reference> affected = List.of();

  public StoreException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public StoreException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /**
   * Limits the failure to {@code references}, for a store made of several parts (files) of which
   * one failed: the other references of the batch are then resolved without it.
   */
  public StoreException affecting(List<Reference> references) {
    this.affected = List.copyOf(references);
    return this;
  }

  /** Returns the references this failure is limited to, or an empty list for the whole batch. */
  public List<Reference> affected() {
    return affected;
  }

  /** Returns what the user can do about it, or null. */
  public String hint() {
    return hint;
  }
}
