package dev.keyrun.backend.secretservice;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The libsecret {@code SecretSchema} keyrun uses: name {@code org.freedesktop.Secret.Generic} with
 * the string attributes {@code service} and {@code account}, and the flag {@code
 * SECRET_SCHEMA_DONT_MATCH_NAME}. Without that flag, libsecret adds {@code xdg:schema} to each
 * lookup and misses items that {@code secret-tool store} made, because those carry no schema
 * attribute; with it, items of keytar-based applications (which do carry one) match too.
 *
 * <p>The struct is laid out by hand for LP64 (64-bit Linux): a name pointer, the flags, 32
 * attribute slots of a name pointer and a type, then reserved fields that must be zero.
 */
final class Schema {
  static final String NAME = "org.freedesktop.Secret.Generic";
  static final String SERVICE = "service";
  static final String ACCOUNT = "account";

  private static final int DONT_MATCH_NAME = 1 << 1;
  private static final int ATTRIBUTE_STRING = 0;
  private static final int ATTRIBUTE_SLOTS = 32;
  private static final int ATTRIBUTE_SIZE = 16;
  private static final int ATTRIBUTES_OFFSET = 16;
  private static final int SIZE = ATTRIBUTES_OFFSET + ATTRIBUTE_SLOTS * ATTRIBUTE_SIZE + 8 + 7 * 8;

  /** The schema, and the strings it points to, which must live as long as it does. */
  static final Schema GENERIC = new Schema();

  private final Memory struct = new Memory(SIZE);
  private final Memory name = text(NAME);
  private final Memory service = text(SERVICE);
  private final Memory account = text(ACCOUNT);

  private Schema() {
    struct.clear();
    struct.setPointer(0, name);
    struct.setInt(8, DONT_MATCH_NAME);
    setAttribute(0, service);
    setAttribute(1, account);
  }

  Pointer pointer() {
    return struct;
  }

  /** Returns {@code text} as a NUL-terminated UTF-8 string in native memory. */
  static Memory text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns {@code bytes} followed by a NUL in native memory. */
  static Memory bytes(byte[] bytes) {
    Memory memory = new Memory(bytes.length + 1L);
    memory.write(0, bytes, 0, bytes.length);
    memory.setByte(bytes.length, (byte) 0);
    return memory;
  }

  private void setAttribute(int slot, Memory attributeName) {
    long offset = ATTRIBUTES_OFFSET + (long) slot * ATTRIBUTE_SIZE;
    struct.setPointer(offset, attributeName);
    struct.setInt(offset + 8, ATTRIBUTE_STRING);
  }
}
