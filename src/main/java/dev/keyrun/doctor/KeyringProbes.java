package dev.keyrun.doctor;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreWatchdog;
import dev.keyrun.backend.secretservice.SecretServiceProbe;
import java.io.IOException;
import java.util.List;

/**
 * Probes the two keyrings behind {@code keyring://}: the Secret Service through libsecret on Linux,
 * and the macOS Keychain through {@code security}.
 */
final class KeyringProbes {
  private static final String SECRET_SERVICE = "Secret Service (secret-service://, keyring://)";
  private static final String KEYCHAIN = "macOS Keychain (keychain://, keyring://)";

  /** The exit status of {@code security} for errSecInteractionNotAllowed: a locked keychain. */
  private static final int SECURITY_LOCKED = 36;

  private KeyringProbes() {}

  /**
   * Probes the Secret Service. Without a session bus address libsecret is not loaded, because GLib
   * then looks for a bus elsewhere and may start one with dbus-launch, which a check must not do.
   * NOTE: a bus that GLib would find without the variable is therefore reported as unusable.
   */
  static Finding secretService(Host host, StoreContext context) {
    if (host.macOs()) {
      return StoresCheck.cannotUse(
          SECRET_SERVICE, "not on macOS, where keyring:// is the Keychain", "");
    }
    String address = context.environmentText("DBUS_SESSION_BUS_ADDRESS");
    if (address == null || address.isEmpty()) {
      return StoresCheck.cannotUse(
          SECRET_SERVICE,
          "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)",
          "run keyrun inside your desktop session, or on a server use dotenv: or"
              + " systemd-creds://");
    }

    try {
      return StoreWatchdog.call(StoresCheck.PROBE_TIMEOUT, () -> collection(context));
    } catch (StoreException e) {
      // Only the watchdog throws here: it timed out or was interrupted, and its own hint names
      // --timeout, which doctor does not have.
      return StoresCheck.cannotUse(
          SECRET_SERVICE,
          "no response on the session bus: " + e.getMessage(),
          "check that the program behind DBUS_SESSION_BUS_ADDRESS runs, and answer any unlock"
              + " prompt");
    }
  }

  /** Returns the finding for the default collection, on the watchdog's thread. */
  private static Finding collection(StoreContext context) {
    try {
      SecretServiceProbe.Collection collection = SecretServiceProbe.probe(context);
      if (collection == SecretServiceProbe.Collection.LOCKED) {
        return StoresCheck.finding(
            Status.WARN,
            SECRET_SERVICE,
            "reachable, but the default collection is locked, so reads fail until it is unlocked",
            SecretServiceProbe.lockedHint(context));
      }
      return StoresCheck.usable(SECRET_SERVICE, "the default collection is unlocked");
    } catch (StoreException e) {
      return StoresCheck.cannotUse(SECRET_SERVICE, e.getMessage(), hint(e));
    }
  }

  /** Probes the Keychain with {@code security show-keychain-info}, which reads no item. */
  static Finding keychain(Host host, StoreContext context) {
    if (!host.macOs()) {
      return StoresCheck.cannotUse(KEYCHAIN, "macOS only", "");
    }
    String security = host.program("KEYRUN_SECURITY_BIN", "/usr/bin/security");

    HelperProcess.Result result;
    try {
      result =
          HelperProcess.run(
              List.of(security, "show-keychain-info"),
              context.environment(),
              null,
              StoresCheck.deadline());
    } catch (IOException e) {
      return StoresCheck.cannotUse(KEYCHAIN, "cannot run " + security, "set KEYRUN_SECURITY_BIN");
    } catch (HelperProcess.TimedOut e) {
      return StoresCheck.cannotUse(
          KEYCHAIN,
          security
              + " show-keychain-info timed out after "
              + StoresCheck.PROBE_TIMEOUT.toSeconds()
              + " s",
          "answer the Keychain prompt, if one is open");
    }

    if (result.exitCode() == SECURITY_LOCKED) {
      return StoresCheck.finding(
          Status.WARN,
          KEYCHAIN,
          "the default keychain is locked and cannot prompt here",
          "security unlock-keychain, or run keyrun in the desktop session");
    }
    if (result.exitCode() != 0) {
      return StoresCheck.cannotUse(
          KEYCHAIN,
          security
              + " show-keychain-info exited with "
              + result.exitCode()
              + ": "
              + result.firstErrorLine(),
          "");
    }
    return StoresCheck.usable(KEYCHAIN, "the default keychain is unlocked");
  }

  private static String hint(StoreException e) {
    return e.hint() == null ? "" : e.hint();
  }
}
