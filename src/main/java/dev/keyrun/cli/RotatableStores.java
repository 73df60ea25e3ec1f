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
      case SYSTEMD_CREDS ->
          throw reject(
              reference,
              "systemd credentials",
              "encrypt the new value with keyrun systemd encrypt "
                  + credentialName(reference)
                  + where);
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
        // keyrun set writes the other stores, and so does keyrun rotate.
      }
    }
  }

  private static KeyrunException reject(Reference reference, String store, String hint) {
    return KeyrunException.failed(
        reference.toString(), "keyrun rotate cannot write to " + store, hint);
  }

  /** Returns NAME of {@code systemd-creds://NAME}, without a query or path after it. */
  private static String credentialName(Reference reference) {
    String body = reference.body();
    int end = body.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int index = body.indexOf(stop);
      if (index >= 0 && index < end) {
        end = index;
      }
    }
    return end == 0 ? "NAME" : body.substring(0, end);
  }
}
