package dev.keyrun.importing;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Backend;
import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.onepassword.OpItems;
import dev.keyrun.reference.Scheme;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** Builds an {@link ImportService} for the store that {@code --to} names. */
public final class ImportTargets {
  /** The stores {@code --to} accepts, as the help lists them. */
  public static final String NAMES = "dotenv, keyring, secret-service, keychain, op, systemd-creds";

  static final Path DEFAULT_CREDSTORE = Path.of("/etc/credstore.encrypted");

  private ImportTargets() {}

  /**
   * Options that choose where values go.
   *
   * @param store the {@code --to} name, or null when only backups are deleted
   * @param service the keyring service, or null for the env file's directory name
   * @param vault the 1Password vault, required for {@code op}
   * @param credstore the credential store directory for {@code systemd-creds}, or null for the
   *     default
   */
  public record Target(String store, String service, String vault, Path credstore) {}

  /** Returns the import that {@code request} and {@code target} describe. */
  public static ImportService service(
      ImportRequest request,
      Target target,
      BackendRegistry registry,
      StoreContext context,
      Duration timeout,
      Path stateHome,
      Function<Path, Map<String, byte[]>> fileValues,
      PrintStream stdout,
      PrintStream stderr) {
    Backups backups = Backups.in(stateHome);
    BackupCheck check = new BackupCheck(backups, fileValues::apply, stderr);
    ImportStore store =
        target.store() == null
            ? null
            : new WatchedImportStore(store(request.file(), target, registry, context), timeout);
    return new ImportService(request, store, backups, check, stdout, stderr);
  }

  private static ImportStore store(
      Path file, Target target, BackendRegistry registry, StoreContext context) {
    return switch (target.store()) {
      case "dotenv" -> backend(registry, Scheme.DOTENV, null, context);
      case "keyring" -> backend(registry, Scheme.KEYRING, service(file, target), context);
      case "secret-service" ->
          backend(registry, Scheme.SECRET_SERVICE, service(file, target), context);
      case "keychain" -> backend(registry, Scheme.KEYCHAIN, service(file, target), context);
      case "op" -> new OpImportStore(new OpItems(context), vault(target));
      case "systemd-creds" ->
          new SystemdCredsImportStore(
              target.credstore() == null ? DEFAULT_CREDSTORE : target.credstore(), context);
      default ->
          throw KeyrunException.failed(
              "--to", "unknown store '" + target.store() + "'", "use one of: " + NAMES);
    };
  }

  private static ImportStore backend(
      BackendRegistry registry, Scheme scheme, String service, StoreContext context) {
    Backend backend =
        registry
            .forScheme(scheme)
            .orElseThrow(
                () -> KeyrunException.failed("--to", scheme.prefix() + " is not available", null));
    return new BackendImportStore((WritableBackend) backend, scheme, service, context);
  }

  /** Returns {@code --service}, else the name of the env file's directory: the project's name. */
  private static String service(Path file, Target target) {
    if (target.service() != null) {
      return target.service();
    }
    Path directory = file.toAbsolutePath().normalize().getParent();
    if (directory == null || directory.getFileName() == null) {
      throw KeyrunException.failed(
          file.toString(), "has no directory name to use as the keyring service", "give --service");
    }
    return directory.getFileName().toString();
  }

  private static String vault(Target target) {
    if (target.vault() == null || target.vault().isEmpty()) {
      throw KeyrunException.failed(
          "--to op", "needs --vault VAULT", "name the 1Password vault, such as --vault Private");
    }
    return target.vault();
  }
}
