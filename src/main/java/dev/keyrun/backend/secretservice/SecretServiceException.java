package dev.keyrun.backend.secretservice;

/** A libsecret call that failed with a GLib error. */
final class SecretServiceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient GError error;

  SecretServiceException(GError error) {
    super(error.domain() + " " + error.code() + ": " + error.message());
    this.error = error;
  }

  GError error() {
    return error;
  }
}
