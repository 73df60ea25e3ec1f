package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * Tells whether exactly one item matches and it is unlocked, the case {@link #readAll} serves.
   */
  boolean isSingleUnlocked() {
    return unlocked.size() == 1 && locked.isEmpty();
  }

  boolean isEmpty() {
    return unlocked.isEmpty() && locked.isEmpty();
  }

  /** Returns the path of the single unlocked match. */
  String singlePath() {
    return unlocked.get(0);
  }

  /**
   * Fetches the values of the items at {@code paths} in one GetSecrets call.
   *
   * @return the value of each path the service returned
   */
  static Map<String, byte[]> readAll(Pointer service, List<String> paths)
      throws SecretServiceException {
    LibSecret.Secret secret = LibSecret.Loaded.SECRET;
    LibSecret.GLib glib = LibSecret.LoadedGLib.GLIB;
    List<Memory> texts = new ArrayList<>();
    Memory array = new Memory((paths.size() + 1L) * Native.POINTER_SIZE);
    array.clear();
    for (int i = 0; i < paths.size(); i++) {
      Memory text = Schema.text(paths.get(i));
      texts.add(text);
      array.setPointer((long) i * Native.POINTER_SIZE, text);
    }

    PointerByReference error = new PointerByReference();
    Pointer table =
        secret.secret_service_get_secrets_for_dbus_paths_sync(service, array, null, error);
    SecretServiceClient.check(error);
    Map<String, byte[]> values = new HashMap<>();
    try {
      for (int i = 0; i < paths.size(); i++) {
        Pointer value = table == null ? null : glib.g_hash_table_lookup(table, texts.get(i));
        if (value != null) {
          LongByReference length = new LongByReference();
          Pointer bytes = secret.secret_value_get(value, length);
          values.put(paths.get(i), bytes.getByteArray(0, (int) length.getValue()));
        }
      }
    } finally {
      if (table != null) {
        glib.g_hash_table_unref(table);
      }
    }
    return values;
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
