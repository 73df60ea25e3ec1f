package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking calls into libsecret for one item at a time. Each call either returns or throws a {@link
 * SecretServiceException} carrying libsecret's error.
 */
final class SecretServiceClient {
  /** The state of the collection the {@code default} alias names. */
  enum CollectionState {
    UNLOCKED,
    LOCKED,
    ABSENT
  }

  private static final Memory DEFAULT_ALIAS = Schema.text("default");

  private final LibSecret.Secret secret = LibSecret.Loaded.SECRET;

  /**
   * Returns the value of each of {@code items}, in order, preferring an item with exactly its
   * attributes, or empty when no collection contains a match.
   */
  List<Optional<byte[]>> lookupAll(List<ServiceAccount> items) throws SecretServiceException {
    List<ItemPaths> found = new ArrayList<>();
    Map<String, byte[]> values;
    Pointer service = service();
    try {
      List<String> singles = new ArrayList<>();
      for (ServiceAccount item : items) {
        ItemPaths paths = ItemPaths.search(service, item);
        found.add(paths);
        if (paths.isSingleUnlocked()) {
          singles.add(paths.singlePath());
        }
      }
      values = singles.isEmpty() ? Map.of() : ItemPaths.readAll(service, singles);
    } finally {
      LibSecret.LoadedGObject.GOBJECT.g_object_unref(service);
    }

    List<Optional<byte[]>> results = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ItemPaths paths = found.get(i);
      if (paths.isEmpty()) {
        results.add(Optional.empty());
      } else if (paths.isSingleUnlocked() && values.containsKey(paths.singlePath())) {
        results.add(Optional.of(values.get(paths.singlePath())));
      } else {
        results.add(lookupMatching(items.get(i)));
      }
    }
    return results;
  }

  /** Reads through the item objects, which compare attributes and ask to unlock. */
  private static Optional<byte[]> lookupMatching(ServiceAccount item)
      throws SecretServiceException {
    try (MatchingItems matches = MatchingItems.search(item, true)) {
      return matches.read();
    }
  }

  /** Returns the shared connection to the Secret Service, to release with g_object_unref. */
  Pointer service() throws SecretServiceException {
    PointerByReference error = new PointerByReference();
    Pointer service = secret.secret_service_get_sync(0, null, error);
    check(error);
    return service;
  }

  /**
   * Stores {@code value} under {@code item}. An existing item with exactly these attributes gets
   * the new value, and further exact copies are deleted. Without one, a new item goes to the
   * default collection, and items that merely share the attributes stay as they are.
   */
  void store(ServiceAccount item, String label, byte[] value) throws SecretServiceException {
    try (MatchingItems existing = MatchingItems.search(item, false)) {
      if (!existing.hasExact()) {
        NewItem.create(item, label, value);
      } else {
        existing.replace(value);
      }
    }
  }

  /** Deletes the items with exactly the attributes of {@code item}; false when there were none. */
  boolean delete(ServiceAccount item) throws SecretServiceException {
    try (MatchingItems existing = MatchingItems.search(item, false)) {
      if (!existing.hasExact() && existing.otherCount() > 0) {
        throw new SecretServiceException.Ambiguous(
            "no item has exactly "
                + item.describe()
                + ", and the "
                + existing.otherCount()
                + " with further attributes that match belong to another application, so"
                + " nothing was deleted",
            "reads still find such an item; remove it with the application that made it, or"
                + " with secret-tool clear");
      }
      if (!existing.hasExact()) {
        return false;
      }
      existing.deleteExact();
      return true;
    }
  }

  /**
   * Tells whether the default collection exists and is unlocked. A lookup in a locked or missing
   * collection returns nothing without an error, just like a missing item, so callers ask this
   * before reporting an item as not found.
   */
  CollectionState defaultCollection() throws SecretServiceException {
    PointerByReference error = new PointerByReference();
    Pointer service = service();
    try {
      Pointer collection =
          secret.secret_collection_for_alias_sync(service, DEFAULT_ALIAS, 0, null, error);
      check(error);
      if (collection == null) {
        return CollectionState.ABSENT;
      }
      boolean locked = secret.secret_collection_get_locked(collection);
      LibSecret.LoadedGObject.GOBJECT.g_object_unref(collection);
      return locked ? CollectionState.LOCKED : CollectionState.UNLOCKED;
    } finally {
      LibSecret.LoadedGObject.GOBJECT.g_object_unref(service);
    }
  }

  /** Returns the name/value pointers of {@code item}, ended by null, for the varargs calls. */
  static Object[] attributes(ServiceAccount item) {
    List<Object> attributes = new ArrayList<>();
    attributes.add(Schema.text(Schema.SERVICE));
    attributes.add(Schema.text(item.service()));
    item.account()
        .ifPresent(
            a -> {
              attributes.add(Schema.text(Schema.ACCOUNT));
              attributes.add(Schema.text(a));
            });
    attributes.add(null);
    return attributes.toArray();
  }

  static void check(PointerByReference error) throws SecretServiceException {
    Pointer pointer = error.getValue();
    if (pointer != null) {
      throw new SecretServiceException(GError.takeFrom(pointer));
    }
  }
}
