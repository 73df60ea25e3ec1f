package dev.keyrun.backend.secretservice;

import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;

/** Turns libsecret's errors and states into store failures with a hint on what to do. */
final class SecretServiceErrors {
  private static final String HEADLESS_STORES = "dotenv:, file:// and systemd-creds://";

  private final StoreContext context;

  SecretServiceErrors(StoreContext context) {
    this.context = context;
  }

  StoreException describe(SecretServiceException exception) {
    if (exception instanceof SecretServiceException.Ambiguous ambiguous) {
      return new StoreException(ambiguous.error().message(), ambiguous.hint(), exception);
    }
    GError error = exception.error();
    if (error.isBusMissing()) {
      return busMissing(error, exception);
    }
    if (error.isServiceUnknown()) {
      return new StoreException(
          "no program on the D-Bus session bus provides the Secret Service",
          "install and start GNOME Keyring (Debian: apt install gnome-keyring), or enable the"
              + " Secret Service integration of KeePassXC or KWallet",
          exception);
    }
    if (error.isLocked()) {
      return locked();
    }
    if (error.isNoSuchCollection()) {
      return absent();
    }
    return new StoreException(
        "the Secret Service returned an error: " + error.message(),
        "libsecret reported " + error.domain() + " code " + error.code(),
        exception);
  }

  /** Fails when a lookup that found nothing may have missed a locked or absent collection. */
  void requireUsableCollection(SecretServiceClient.CollectionState state) throws StoreException {
    switch (state) {
      case LOCKED:
        throw locked();
      case ABSENT:
        throw absent();
      default:
        break;
    }
  }

  StoreException libraryMissing(LinkageError error) {
    return new StoreException(
        "cannot load libsecret (" + LibSecret.LIBRARY + "): " + error.getClass().getSimpleName(),
        "install it (Debian and Ubuntu: apt install libsecret-1-0; Fedora: dnf install libsecret),"
            + " or use a store that needs no desktop keyring: "
            + HEADLESS_STORES,
        error);
  }

  private StoreException busMissing(GError error, SecretServiceException cause) {
    String address = context.environmentText("DBUS_SESSION_BUS_ADDRESS");
    if (address == null || address.isEmpty()) {
      return new StoreException(
          "no D-Bus session bus found (DBUS_SESSION_BUS_ADDRESS is not set or empty), and the Secret"
              + " Service needs one; "
              + HEADLESS_STORES
              + " work without it",
          "run keyrun inside your desktop session, or on a headless machine keep the value in a"
              + " dotenv: store file (keyrun set dotenv:NAME)",
          cause);
    }
    return new StoreException(
        "cannot connect to the D-Bus session bus: " + error.message(),
        "check DBUS_SESSION_BUS_ADDRESS, or on a headless machine use " + HEADLESS_STORES,
        cause);
  }

  StoreException locked() {
    return new StoreException(
        "the keyring collection is locked",
        "unlock it: log in to your desktop session, or unlock the keyring in Seahorse (Passwords"
            + " and Keys) or in your password manager");
  }

  private static StoreException absent() {
    return new StoreException(
        "the Secret Service has no default keyring collection (no unlocked \"login\" keyring)",
        "create a default keyring in Seahorse (Passwords and Keys), or start gnome-keyring-daemon"
            + " with --unlock");
  }
}
