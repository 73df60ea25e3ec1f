package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Secret Service items whose attributes are exactly those of one reference: {@code service},
 * {@code account} if the reference has one, and optionally {@code xdg:schema}. {@code keyrun set}
 * gives the first the new value and deletes the rest, so that a later lookup cannot find an old
 * copy. Items with further attributes, such as another application's, stay untouched.
 */
final class ExistingItems implements AutoCloseable {
  private static final int SEARCH_ALL = 1 << 1;
  private static final int SEARCH_UNLOCK = 1 << 2;
  private static final Memory SCHEMA_ATTRIBUTE = Schema.text("xdg:schema");
  private static final Memory SERVICE = Schema.text(Schema.SERVICE);
  private static final Memory ACCOUNT = Schema.text(Schema.ACCOUNT);
  private static final Memory TEXT_PLAIN = Schema.text("text/plain");

  private final LibSecret.Secret secret = LibSecret.Loaded.SECRET;
  private final List<Pointer> items;

  private ExistingItems(List<Pointer> items) {
    this.items = items;
  }

  /** Searches every collection, unlocking as needed, for the items of {@code item}. */
  static ExistingItems find(ServiceAccount item) throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    PointerByReference error = new PointerByReference();
    Pointer list =
        secret.secret_password_search_sync(
            Schema.GENERIC.pointer(),
            SEARCH_ALL | SEARCH_UNLOCK,
            null,
            error,
            SecretServiceClient.attributes(item));
    SecretServiceClient.check(error);

    List<Pointer> exact = new ArrayList<>();
    for (Pointer node = list;
        node != null;
        node = node.getPointer(com.sun.jna.Native.POINTER_SIZE)) {
      Pointer found = node.getPointer(0);
      if (hasExactly(secret.secret_item_get_attributes(found), item)) {
        exact.add(found);
      } else {
        LibSecret.LoadedGObject.GOBJECT.g_object_unref(found);
      }
    }
    if (list != null) {
      LibSecret.LoadedGLib.GLIB.g_list_free(list);
    }
    return new ExistingItems(exact);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Sets {@code value} on the first item and deletes the others. */
  void replace(byte[] value) throws SecretServiceException {
    Memory bytes = Schema.bytes(value);
    Pointer secretValue = secret.secret_value_new(bytes, value.length, TEXT_PLAIN);
    try {
      PointerByReference error = new PointerByReference();
      secret.secret_item_set_secret_sync(items.get(0), secretValue, null, error);
      SecretServiceClient.check(error);
      for (Pointer copy : items.subList(1, items.size())) {
        secret.secret_item_delete_sync(copy, null, error);
        SecretServiceClient.check(error);
      }
    } finally {
      secret.secret_value_unref(secretValue);
      bytes.clear();
    }
  }

  /** Deletes every item. */
  void deleteAll() throws SecretServiceException {
    PointerByReference error = new PointerByReference();
    for (Pointer item : items) {
      secret.secret_item_delete_sync(item, null, error);
      SecretServiceClient.check(error);
    }
  }

  @Override
  public void close() {
    items.forEach(LibSecret.LoadedGObject.GOBJECT::g_object_unref);
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
