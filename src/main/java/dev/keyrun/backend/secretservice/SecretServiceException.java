package dev.keyrun.backend.secretservice;

/** A libsecret call that failed with a GLib error. */
class SecretServiceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient GError error;

  SecretServiceException(GError error) {
    super(error.domain() + " " + error.code() + ": " + error.message());
    this.error = error;
  }

  GError error() {
    return error;
  }

  /** Several items match a reference and none has exactly its attributes. */
  static final class Ambiguous extends SecretServiceException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    Ambiguous(String problem, String hint) {
      super(new GError("keyrun", 0, problem));
      this.hint = hint;
    }

    String hint() {
      return hint;
    }
  }
}
