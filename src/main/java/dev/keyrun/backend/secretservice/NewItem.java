package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;

/**
 * Creates a Secret Service item in the default collection without replacing anything. {@code
 * secret_password_store_sync} requests that the service replace a matching item, and GNOME Keyring
 * then replaces an item whose attributes merely include the new ones, such as another application's
 * item with an extra attribute; {@code secret_item_create_sync} without the replace flag does not.
 */
final class NewItem {
  private static final Memory DEFAULT_ALIAS = Schema.text("default");
  private static final Memory TEXT_PLAIN = Schema.text("text/plain");

  private NewItem() {}

  static void create(ServiceAccount item, String label, byte[] value)
      throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    PointerByReference error = new PointerByReference();
    Pointer service = secret.secret_service_get_sync(0, null, error);
    SecretServiceClient.check(error);
    try {
      Pointer collection =
          secret.secret_collection_for_alias_sync(service, DEFAULT_ALIAS, 0, null, error);
      SecretServiceClient.check(error);
      if (collection == null) {
        throw new SecretServiceException(
            new GError(
                GError.SECRET_DOMAIN, GError.SECRET_NO_SUCH_OBJECT, "no default collection"));
      }
      try {
        createIn(collection, item, label, value);
      } finally {
        LibSecret.LoadedGObject.GOBJECT.g_object_unref(collection);
      }
    } finally {
      LibSecret.LoadedGObject.GOBJECT.g_object_unref(service);
    }
  }

  private static void createIn(Pointer collection, ServiceAccount item, String label, byte[] value)
      throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    Memory bytes = Schema.bytes(value);
    Pointer secretValue = secret.secret_value_new(bytes, value.length, TEXT_PLAIN);
    try (AttributeTable attributes = new AttributeTable(item)) {
      PointerByReference error = new PointerByReference();
      Pointer created =
          secret.secret_item_create_sync(
              collection,
              null,
              attributes.pointer(),
              Schema.text(label),
              secretValue,
              0,
              null,
              error);
      SecretServiceClient.check(error);
      if (created != null) {
        LibSecret.LoadedGObject.GOBJECT.g_object_unref(created);
      }
    } finally {
      secret.secret_value_unref(secretValue);
      bytes.clear();
    }
  }
}
