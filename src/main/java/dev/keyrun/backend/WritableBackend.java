package dev.keyrun.backend;

import dev.keyrun.reference.Reference;

/**
 * A store that {@code keyrun set} and {@code keyrun delete} can change. Stores that only read (the
 * environment, plain files) implement {@link Backend} alone, and the commands refuse them.
 */
public interface WritableBackend extends Backend {

  /**
   * Writes {@code value} under {@code reference}, replacing the entry if it exists.
   *
   * @throws StoreException when the store refuses or fails; the message never contains the value
   * @throws InvalidReferenceException when the reference is malformed for this store
   */
  void store(Reference reference, Secret value, WriteOptions options, StoreContext context)
      throws StoreException;

  /**
   * Removes the entry {@code reference} names.
   *
   * @return false when the store had no such entry
   */
  boolean delete(Reference reference, StoreContext context) throws StoreException;
}
