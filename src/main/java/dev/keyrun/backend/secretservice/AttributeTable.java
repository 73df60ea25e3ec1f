package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.keyrun.backend.ServiceAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of one reference as the GHashTable of strings that libsecret's item and path calls
 * take. The table does not copy its strings, so this object keeps them alive until closed.
 */
final class AttributeTable implements AutoCloseable {
  private final LibSecret.GLib glib = LibSecret.LoadedGLib.GLIB;
  private final List<Memory> strings = new ArrayList<>();
  private final Pointer table;

  AttributeTable(ServiceAccount item) {
    table =
        glib.g_hash_table_new(LibSecret.LoadedGLib.STRING_HASH, LibSecret.LoadedGLib.STRING_EQUAL);
    put(Schema.SERVICE, item.service());
    item.account().ifPresent(account -> put(Schema.ACCOUNT, account));
  }

  Pointer pointer() {
    return table;
  }

  @Override
  public void close() {
    glib.g_hash_table_unref(table);
    strings.clear();
  }

  private void put(String name, String value) {
    Memory key = Schema.text(name);
    Memory text = Schema.text(value);
    strings.add(key);
    strings.add(text);
    glib.g_hash_table_insert(table, key, text);
  }
}
