package dev.keyrun.backend.secretservice;

import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;

/**
 * Finds out whether the Secret Service store can work here without reading an item: libsecret
 * loads, a Secret Service responds on the session bus, and its default collection exists. The call
 * blocks on D-Bus, so a caller that must not hang runs it under a timeout.
 */
public final class SecretServiceProbe {
  /** The state of the default collection of a Secret Service that responded. */
  public enum Collection {
    UNLOCKED,
    LOCKED
  }

  private SecretServiceProbe() {}

  /**
   * Returns the state of the default collection.
   *
   * @throws StoreException when libsecret cannot be loaded, no session bus or Secret Service is
   *     reachable, or there is no default collection. The message and hint name the cause.
   */
  public static Collection probe(StoreContext context) throws StoreException {
    SecretServiceErrors errors = new SecretServiceErrors(context);
    try {
      SecretServiceClient.CollectionState state = new SecretServiceClient().defaultCollection();
      if (state == SecretServiceClient.CollectionState.LOCKED) {
        return Collection.LOCKED;
      }
      errors.requireUsableCollection(state);
      return Collection.UNLOCKED;
    } catch (SecretServiceException e) {
      throw errors.describe(e);
    } catch (LinkageError e) {
      throw errors.libraryMissing(e);
    }
  }

  /** Returns what to do about a locked collection. */
  public static String lockedHint(StoreContext context) {
    return new SecretServiceErrors(context).locked().hint();
  }
}
