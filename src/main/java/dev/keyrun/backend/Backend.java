package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store that resolves references. Implementations are listed in {@code
 * META-INF/services/dev.keyrun.backend.Backend} and found by {@link BackendRegistry}.
 *
 * <p>A backend receives all of its references of one run in a single call, so that it can batch
 * (one helper process for many references, one read of a file). Different backends run in parallel,
 * so implementations must not share mutable state.
 */
public interface Backend {

  StoreInfo info();

  /**
   * Resolves every reference in {@code references}.
   *
   * @return one entry per reference: the value, or empty when the store has no such entry
   * @throws StoreException when the store itself fails, which fails every reference of the batch
   * @throws InvalidReferenceException when a reference is malformed for this store
   */
  Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException;

  /**
   * Describes a reference the store has no entry for, phrased to follow the reference in a message:
   * where the store looked, never a value.
   */
  default String describeMissing(Reference reference, StoreContext context) {
    return "not found in the " + info().name();
  }

  /**
   * Returns the store's name for messages in {@code context}, such as the store behind an alias.
   */
  default String nameIn(StoreContext context) {
    return info().name();
  }

  /** Returns what to do about a missing {@code reference}: the store's hint, for that reference. */
  default String missingHint(Reference reference) {
    String hint = info().missingHint();
    return hint == null ? null : hint.replace("REFERENCE", reference.toString());
  }
}
