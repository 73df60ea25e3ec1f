package dev.keyrun.backend.secretservice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GErrorTest {

  @Test
  void serviceUnknownByCode() {
    GError error =
        new GError(
            GError.DBUS_DOMAIN,
            2,
            "The name org.freedesktop.secrets was not provided by any .service files");

    assertTrue(error.isServiceUnknown());
    assertFalse(error.isNoSuchCollection());
  }

  @Test
  void missingLoginCollection() {
    GError error =
        new GError(
            GError.DBUS_DOMAIN,
            19,
            "Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d");

    assertTrue(error.isNoSuchCollection());
    assertFalse(error.isServiceUnknown());
  }

  @Test
  void lockedCollection() {
    GError error =
        new GError(GError.SECRET_DOMAIN, 2, "Cannot create an item in a locked collection");

    assertTrue(error.isLocked());
    assertFalse(error.isBusMissing());
  }

  @Test
  void noBusIsIoError() {
    GError error = new GError(GError.IO_DOMAIN, 0, "Cannot autolaunch D-Bus without X11 $DISPLAY");

    assertTrue(error.isBusMissing());
    assertFalse(error.isLocked());
  }

  @Test
  void remoteErrorIsNotMissingBus() {
    GError error = new GError(GError.IO_DOMAIN, 36, "the vault database is locked");

    assertFalse(error.isBusMissing());
  }
}
