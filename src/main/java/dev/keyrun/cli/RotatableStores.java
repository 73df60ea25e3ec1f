package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.reference.Reference;

/**
 * Rejects references whose store {@code keyrun rotate} cannot write, each with the way to replace
 * the value there.
 */
final class RotatableStores {
  private RotatableStores() {}

  static void require(Reference reference) {
    String where = "; then keyrun where " + reference + " lists who uses it";
    switch (reference.scheme()) {
      case OP ->
          throw reject(
              reference,
              "1Password",
              "replace the value in 1Password (the app, or op item edit)" + where);
      case FILE ->
          throw reject(
              reference, "a file:// file", "write the new value into the file yourself" + where);
      case ENV ->
          throw reject(
              reference,
              "the environment",
              "env:// renames a variable keyrun inherits; change the value where it is set"
                  + where);
      default -> {
        // keyrun set writes the other stores, and so does keyrun rotate; systemd credentials
        // are encrypted as keyrun systemd encrypt writes them.
      }
    }
  }

  private static KeyrunException reject(Reference reference, String store, String hint) {
    return KeyrunException.failed(
        reference.toString(), "keyrun rotate cannot write to " + store, hint);
  }
}
