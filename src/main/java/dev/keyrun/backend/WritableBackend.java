package dev.keyrun.backend;

import dev.keyrun.reference.Reference;

/**
 * A store that {@code keyrun set} and {@code keyrun delete} can change. Stores that only read (the
 * environment, plain files) implement {@link Backend} alone, and the commands refuse them.
 */
public interface WritableBackend extends Backend {

  /**
   * Checks, before any value is asked for, that {@code store} could write under {@code reference}:
   * its syntax, the options, and whatever the store can check cheaply (a file's permissions, a
   * reachable and unlocked keyring). So a user is not prompted for a value that cannot be stored.
   *
   * @throws StoreException when the store could not take the value
   * @throws InvalidReferenceException when the reference is malformed for writing
   */
  default void prepare(Reference reference, WriteOptions options, StoreContext context)
      throws StoreException {}

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
