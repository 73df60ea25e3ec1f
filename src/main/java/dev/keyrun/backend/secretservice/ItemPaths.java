package dev.keyrun.backend.secretservice;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The D-Bus object paths of the items that match one reference, found with one SearchItems call and
 * no item objects. Most references match one unlocked item, whose value one more call fetches; any
 * other case goes through {@link MatchingItems}, which compares attributes and handles locks but
 * costs a round trip per item.
 */
final class ItemPaths {
  private final List<String> unlocked;
  private final List<String> locked;

  private ItemPaths(List<String> unlocked, List<String> locked) {
    this.unlocked = unlocked;
    this.locked = locked;
  }

  /** Searches every collection of {@code service} for the items of {@code item}. */
  static ItemPaths search(Pointer service, ServiceAccount item) throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    PointerByReference unlocked = new PointerByReference();
    PointerByReference locked = new PointerByReference();
    PointerByReference error = new PointerByReference();
    try (AttributeTable attributes = new AttributeTable(item)) {
      secret.secret_service_search_for_dbus_paths_sync(
          service, Schema.GENERIC.pointer(), attributes.pointer(), null, unlocked, locked, error);
    }
    SecretServiceClient.check(error);
    return new ItemPaths(take(unlocked.getValue()), take(locked.getValue()));
  }

  /** Tells whether exactly one item matches and it is unlocked, the case {@link #read} serves. */
  boolean isSingleUnlocked() {
    return unlocked.size() == 1 && locked.isEmpty();
  }

  boolean isEmpty() {
    return unlocked.isEmpty() && locked.isEmpty();
  }

  /** Returns the value of the single unlocked match. */
  Optional<byte[]> read(Pointer service) throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    PointerByReference error = new PointerByReference();
    Pointer value =
        secret.secret_service_get_secret_for_dbus_path_sync(
            service, Schema.text(unlocked.get(0)), null, error);
    SecretServiceClient.check(error);
    if (value == null) {
      return Optional.empty();
    }
    try {
      LongByReference length = new LongByReference();
      Pointer bytes = secret.secret_value_get(value, length);
      return Optional.of(bytes.getByteArray(0, (int) length.getValue()));
    } finally {
      secret.secret_value_unref(value);
    }
  }

  /** Reads a NULL-terminated array of strings and frees it with g_strfreev. */
  private static List<String> take(Pointer array) {
    List<String> strings = new ArrayList<>();
    if (array == null) {
      return strings;
    }
    for (int i = 0; ; i++) {
      Pointer element = array.getPointer((long) i * Native.POINTER_SIZE);
      if (element == null) {
        break;
      }
      strings.add(GError.utf8(element));
    }
    LibSecret.LoadedGLib.GLIB.g_strfreev(array);
    return strings;
  }
}
