package dev.keyrun.backend.systemd;

import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credential store directories that {@code systemd-creds://NAME} searches after {@code
 * $CREDENTIALS_DIRECTORY}: those of {@code KEYRUN_CREDSTORE_PATH} or {@code credstore.path}, else
 * {@link SystemdCredsStore#DEFAULT_CREDSTORES}.
 */
public final class Credstores {
  private Credstores() {}

  /**
   * Returns the directories in search order.
   *
   * @throws StoreException when the setting lists a relative directory
   */
  public static List<Path> directories(StoreContext context) throws StoreException {
    Optional<StoreSettings.Configured<List<String>>> configured =
        context.settings().credstorePath();
    List<String> entries =
        configured
            .map(StoreSettings.Configured::value)
            .orElse(SystemdCredsStore.DEFAULT_CREDSTORES);
    String origin = configured.map(StoreSettings.Configured::origin).orElse("");
    List<Path> stores = new ArrayList<>();
    for (String entry : entries) {
      if (!entry.startsWith("/")) {
        throw new StoreException(
            origin + " contains a relative directory",
            "list absolute directories separated by ':'");
      }
      stores.add(Path.of(entry));
    }
    return stores;
  }

  /**
   * Returns the file of the first store that has the credential {@code name}, the file a read of
   * {@code systemd-creds://NAME} outside a unit opens, or empty when no store has it.
   *
   * @throws StoreException when a store directory cannot be searched, such as a root-only one
   */
  public static Optional<Path> locate(String name, StoreContext context) throws StoreException {
    for (Path store : directories(context)) {
      Path file = store.resolve(name);
      if (SystemdCredsStore.exists(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /**
   * Tells whether {@code directory} contains encrypted credentials, which its name ending in
   * .encrypted marks.
   */
  public static boolean encrypted(Path directory) {
    Path name = directory.getFileName();
    return name != null && name.toString().endsWith(".encrypted");
  }
}
