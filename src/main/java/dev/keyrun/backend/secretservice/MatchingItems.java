package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Secret Service items that match one reference, in every collection, locked ones included. An
 * item is exact when its attributes are only {@code service}, {@code account} (when the reference
 * has one) and optionally {@code xdg:schema}; other matches carry further attributes, such as
 * another application's.
 *
 * <p>Reads prefer an exact item, so that a value {@code keyrun set} stored is the one read back
 * even when another application's item also matches. {@code set} gives the first exact item the new
 * value and deletes the other exact ones; {@code delete} deletes the exact ones. Items with further
 * attributes are never changed.
 */
final class MatchingItems implements AutoCloseable {
  private static final int SEARCH_ALL = 1 << 1;
  private static final int SEARCH_UNLOCK = 1 << 2;
  private static final int SEARCH_LOAD_SECRETS = 1 << 3;
  private static final Memory SCHEMA_ATTRIBUTE = Schema.text("xdg:schema");
  private static final Memory SERVICE = Schema.text(Schema.SERVICE);
  private static final Memory ACCOUNT = Schema.text(Schema.ACCOUNT);
  private static final Memory TEXT_PLAIN = Schema.text("text/plain");

  private final LibSecret.Secret secret = LibSecret.Loaded.SECRET;
  private final ServiceAccount item;
  private final List<Pointer> exact;
  private final List<Pointer> others;

  private MatchingItems(ServiceAccount item, List<Pointer> exact, List<Pointer> others) {
    this.item = item;
    this.exact = exact;
    this.others = others;
  }

  /**
   * Searches every collection for the items of {@code item}, asking to unlock locked ones.
   *
   * @param loadSecrets also fetch the values, for a read
   */
  static MatchingItems search(ServiceAccount item, boolean loadSecrets)
      throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    PointerByReference error = new PointerByReference();
    int flags = SEARCH_ALL | SEARCH_UNLOCK | (loadSecrets ? SEARCH_LOAD_SECRETS : 0);
    Pointer list =
        secret.secret_password_search_sync(
            Schema.GENERIC.pointer(), flags, null, error, SecretServiceClient.attributes(item));
    SecretServiceClient.check(error);

    List<Pointer> exact = new ArrayList<>();
    List<Pointer> others = new ArrayList<>();
    for (Pointer node = list; node != null; node = node.getPointer(Native.POINTER_SIZE)) {
      Pointer found = node.getPointer(0);
      (hasExactly(secret.secret_item_get_attributes(found), item) ? exact : others).add(found);
    }
    if (list != null) {
      LibSecret.LoadedGLib.GLIB.g_list_free(list);
    }
    return new MatchingItems(item, exact, others);
  }

  boolean hasExact() {
    return !exact.isEmpty();
  }

  /** Returns how many matches carry further attributes, which keyrun never changes. */
  int otherCount() {
    return others.size();
  }

  /**
   * Returns the value of the first exact item, else of the only other match, or empty when nothing
   * matches.
   *
   * @throws SecretServiceException with {@code IS_LOCKED} when that item stayed locked
   * @throws SecretServiceException.Ambiguous when several items match and none is exact, since the
   *     one the service lists first can change whenever any of them is written
   */
  Optional<byte[]> read() throws SecretServiceException {
    if (exact.isEmpty() && others.size() > 1) {
      throw ambiguous();
    }
    Pointer chosen = !exact.isEmpty() ? exact.get(0) : others.isEmpty() ? null : others.get(0);
    if (chosen == null) {
      return Optional.empty();
    }
    Pointer value =
        secret.secret_item_get_locked(chosen) ? null : secret.secret_item_get_secret(chosen);
    if (value == null) {
      throw new SecretServiceException(
          new GError(GError.SECRET_DOMAIN, GError.SECRET_IS_LOCKED, "the item is locked"));
    }
    try {
      LongByReference length = new LongByReference();
      Pointer bytes = secret.secret_value_get(value, length);
      return Optional.of(bytes.getByteArray(0, (int) length.getValue()));
    } finally {
      secret.secret_value_unref(value);
    }
  }

  private SecretServiceException.Ambiguous ambiguous() {
    if (item.account().isEmpty()) {
      return new SecretServiceException.Ambiguous(
          others.size()
              + " items of service \""
              + item.service()
              + "\" match, for different accounts",
          "name the account in the reference: SERVICE/ACCOUNT");
    }
    return new SecretServiceException.Ambiguous(
        others.size()
            + " items with "
            + item.describe()
            + " match, each with further attributes of another application",
        "store the value with keyrun set, which creates an item with exactly these attributes");
  }

  /** Sets {@code value} on the first exact item and deletes the other exact ones. */
  void replace(byte[] value) throws SecretServiceException {
    Memory bytes = Schema.bytes(value);
    Pointer secretValue = secret.secret_value_new(bytes, value.length, TEXT_PLAIN);
    try {
      PointerByReference error = new PointerByReference();
      secret.secret_item_set_secret_sync(exact.get(0), secretValue, null, error);
      SecretServiceClient.check(error);
      delete(exact.subList(1, exact.size()));
    } finally {
      secret.secret_value_unref(secretValue);
      bytes.clear();
    }
  }

  /** Deletes every exact item. */
  void deleteExact() throws SecretServiceException {
    delete(exact);
  }

  @Override
  public void close() {
    exact.forEach(LibSecret.LoadedGObject.GOBJECT::g_object_unref);
    others.forEach(LibSecret.LoadedGObject.GOBJECT::g_object_unref);
  }

  private void delete(List<Pointer> items) throws SecretServiceException {
    PointerByReference error = new PointerByReference();
    for (Pointer item : items) {
      secret.secret_item_delete_sync(item, null, error);
      SecretServiceClient.check(error);
    }
  }

  private static boolean hasExactly(Pointer attributes, ServiceAccount item) {
    LibSecret.GLib glib = LibSecret.LoadedGLib.GLIB;
    try {
      int expected = item.account().isPresent() ? 2 : 1;
      int schema = glib.g_hash_table_lookup(attributes, SCHEMA_ATTRIBUTE) == null ? 0 : 1;
      return glib.g_hash_table_size(attributes) - schema == expected
          && equal(glib.g_hash_table_lookup(attributes, SERVICE), Optional.of(item.service()))
          && (item.account().isEmpty()
              || equal(glib.g_hash_table_lookup(attributes, ACCOUNT), item.account()));
    } finally {
      glib.g_hash_table_unref(attributes);
    }
  }

  private static boolean equal(Pointer text, Optional<String> expected) {
    return text != null && expected.isPresent() && GError.utf8(text).equals(expected.get());
  }
}
