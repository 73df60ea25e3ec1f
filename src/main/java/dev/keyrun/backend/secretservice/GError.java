package dev.keyrun.backend.secretservice;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * A GLib error as libsecret reports it. The domain is a GQuark, a number assigned at run time, so
 * it is compared by its name ({@code g-io-error-quark}, {@code g-dbus-error-quark}, {@code
 * secret-error}), never by value.
 *
 * @param domain the quark's name
 * @param code the error code within the domain
 * @param message GLib's message, which names objects and buses, never a value
 */
record GError(String domain, int code, String message) {
  static final String IO_DOMAIN = "g-io-error-quark";
  static final String DBUS_DOMAIN = "g-dbus-error-quark";
  static final String SECRET_DOMAIN = "secret-error";

  /** GLib's G_IO_ERROR_DBUS_ERROR: a remote D-Bus error without a registered GError. */
  static final int IO_DBUS_ERROR = 36;

  /** GLib's G_DBUS_ERROR_SERVICE_UNKNOWN. */
  static final int DBUS_SERVICE_UNKNOWN = 2;

  /** libsecret's SECRET_ERROR_IS_LOCKED. */
  static final int SECRET_IS_LOCKED = 2;

  /** libsecret's SECRET_ERROR_NO_SUCH_OBJECT. */
  static final int SECRET_NO_SUCH_OBJECT = 3;

  /** Reads the error {@code error} points to and frees it. */
  static GError takeFrom(Pointer error) {
    LibSecret.GLib glib = LibSecret.LoadedGLib.GLIB;
    try {
      int quark = error.getInt(0);
      int code = error.getInt(4);
      Pointer message = error.getPointer(8);
      return new GError(utf8(glib.g_quark_to_string(quark)), code, utf8(message));
    } finally {
      glib.g_error_free(error);
    }
  }

  /** Reads the NUL-terminated UTF-8 string at {@code pointer}, or "" for null. */
  static String utf8(Pointer pointer) {
    if (pointer == null) {
      return "";
    }
    return new String(pointer.getByteArray(0, (int) length(pointer)), StandardCharsets.UTF_8);
  }

  /** Returns the length of the NUL-terminated string at {@code pointer}. */
  static long length(Pointer pointer) {
    return pointer.indexOf(0, (byte) 0);
  }

  /**
   * Tells whether the error means that the session bus could not be found or reached. A remote
   * error that GLib has no name for arrives in the same domain as G_IO_ERROR_DBUS_ERROR (36), and
   * is the service's reply, not a missing bus.
   */
  boolean isBusMissing() {
    return IO_DOMAIN.equals(domain) && code != IO_DBUS_ERROR;
  }

  boolean isLocked() {
    return SECRET_DOMAIN.equals(domain) && code == SECRET_IS_LOCKED;
  }

  /**
   * Tells whether no program on the bus provides the Secret Service. GLib maps the D-Bus error name
   * to G_DBUS_ERROR_SERVICE_UNKNOWN (2) and drops it from the message.
   */
  boolean isServiceUnknown() {
    return DBUS_DOMAIN.equals(domain)
        && (code == DBUS_SERVICE_UNKNOWN || message.contains("ServiceUnknown"));
  }

  /** Tells whether a collection such as {@code login} does not exist. */
  boolean isNoSuchCollection() {
    return (SECRET_DOMAIN.equals(domain) && code == SECRET_NO_SUCH_OBJECT)
        || (DBUS_DOMAIN.equals(domain)
            && (message.contains("UnknownObject") || message.contains("does not exist")));
  }
}
