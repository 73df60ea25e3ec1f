package dev.keyrun.backend.secretservice;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libsecret, GLib and GObject calls the Secret Service store makes, bound with JNA. Strings
 * cross as pointers to UTF-8 bytes that the caller encodes, so no value depends on the JVM's
 * default charset. The attribute lists of the {@code *_sync} calls are name/value pointers ended by
 * null.
 */
final class LibSecret {
  /** The shared object of the {@code libsecret-1-0} package, by its soname. */
  static final String LIBRARY = "libsecret-1.so.0";

  private static final String GLIB_LIBRARY = "libglib-2.0.so.0";

  private LibSecret() {}

  interface Secret extends Library {
    /** Returns a GList of the matching items (SecretItem), to free with g_list_free. */
    Pointer secret_password_search_sync(
        Pointer schema,
        int flags,
        Pointer cancellable,
        PointerByReference error,
        Object... attributes);

    /** Returns the item's attributes as a GHashTable, to release with g_hash_table_unref. */
    Pointer secret_item_get_attributes(Pointer item);

    boolean secret_item_set_secret_sync(
        Pointer item, Pointer value, Pointer cancellable, PointerByReference error);

    boolean secret_item_delete_sync(Pointer item, Pointer cancellable, PointerByReference error);

    Pointer secret_value_new(Pointer secret, long length, Pointer contentType);

    /** Returns the bytes of a value, owned by it, and stores their count in {@code length}. */
    Pointer secret_value_get(Pointer value, LongByReference length);

    /** Returns the item's value loaded by the search, to release with secret_value_unref. */
    Pointer secret_item_get_secret(Pointer item);

    boolean secret_item_get_locked(Pointer item);

    /** Creates an item; flags 0 means never replace an existing one. */
    Pointer secret_item_create_sync(
        Pointer collection,
        Pointer schema,
        Pointer attributes,
        Pointer label,
        Pointer value,
        int flags,
        Pointer cancellable,
        PointerByReference error);

    void secret_value_unref(Pointer value);

    /**
     * Stores the paths of the matching items as NULL-terminated arrays, to free with g_strfreev.
     */
    boolean secret_service_search_for_dbus_paths_sync(
        Pointer service,
        Pointer schema,
        Pointer attributes,
        Pointer cancellable,
        PointerByReference unlocked,
        PointerByReference locked,
        PointerByReference error);

    /**
     * Returns a GHashTable from item path to value, owning both, for a NULL-terminated array of
     * paths; release it with g_hash_table_unref.
     */
    Pointer secret_service_get_secrets_for_dbus_paths_sync(
        Pointer service, Pointer paths, Pointer cancellable, PointerByReference error);

    /** Returns the shared connection to the Secret Service, to release with g_object_unref. */
    Pointer secret_service_get_sync(int flags, Pointer cancellable, PointerByReference error);

    /** Returns the collection an alias such as {@code default} names, or null when none. */
    Pointer secret_collection_for_alias_sync(
        Pointer service, Pointer alias, int flags, Pointer cancellable, PointerByReference error);

    boolean secret_collection_get_locked(Pointer collection);
  }

  interface GLib extends Library {
    Pointer g_quark_to_string(int quark);

    void g_error_free(Pointer error);

    Pointer g_hash_table_new(Pointer hash, Pointer equal);

    boolean g_hash_table_insert(Pointer table, Pointer key, Pointer value);

    int g_hash_table_size(Pointer table);

    Pointer g_hash_table_lookup(Pointer table, Pointer key);

    void g_hash_table_unref(Pointer table);

    void g_list_free(Pointer list);

    void g_strfreev(Pointer array);
  }

  interface GObject extends Library {
    void g_object_unref(Pointer object);
  }

  /**
   * The libraries, each loaded on first use: a lookup that finds its items needs libsecret alone,
   * and each further library costs a dlopen and a JNA proxy on the way to the child.
   */
  static final class Loaded {
    static final Secret SECRET = Native.load(LIBRARY, Secret.class);

    private Loaded() {}
  }

  static final class LoadedGLib {
    static final GLib GLIB = Native.load(GLIB_LIBRARY, GLib.class);
    static final Pointer STRING_HASH =
        NativeLibrary.getInstance(GLIB_LIBRARY).getFunction("g_str_hash");
    static final Pointer STRING_EQUAL =
        NativeLibrary.getInstance(GLIB_LIBRARY).getFunction("g_str_equal");

    private LoadedGLib() {}
  }

  static final class LoadedGObject {
    static final GObject GOBJECT = Native.load("libgobject-2.0.so.0", GObject.class);

    private LoadedGObject() {}
  }
}
