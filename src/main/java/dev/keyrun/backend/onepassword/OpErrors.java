package dev.keyrun.backend.onepassword;

import dev.keyrun.backend.StoreException;

/**
 * Turns the {@code [ERROR]} line that {@code op} prints into a store failure with a hint. op exits
 * 1 for every failure in the published fixtures, so the message text is what keyrun goes by. It
 * names references and accounts, never a value.
 */
final class OpErrors {
  private static final String SIGN_IN_HINT =
      "unlock the 1Password app and turn on its CLI integration, run op signin, or give a service"
          + " account token: OP_SERVICE_ACCOUNT_TOKEN, or KEYRUN_OP_TOKEN_REF naming where it is"
          + " stored (such as keyring://op/service-account)";

  private OpErrors() {}

  static StoreException describe(String stderr) {
    String message = firstError(stderr);
    if (message.contains("isn't an item")
        || message.contains("does not have a field")
        || message.contains("isn't a vault")) {
      return new StoreException(
          "not found in 1Password: " + message, "check the vault, item and field names");
    }
    if (message.contains("No accounts configured") || stderr.contains("No accounts configured")) {
      return new StoreException("op has no 1Password account configured", SIGN_IN_HINT);
    }
    if (message.contains("not currently signed in")
        || message.contains("account is not signed in")
        || message.contains("could not find session token")) {
      return new StoreException("op is not signed in to 1Password", SIGN_IN_HINT);
    }
    if (message.contains("authorization")) {
      return new StoreException(
          "the 1Password app did not approve the request: " + message,
          "approve the prompt of the 1Password app, or use a service account token");
    }
    if (message.contains("DecodeSACredentials")) {
      return new StoreException(
          "the service account token is malformed",
          "check OP_SERVICE_ACCOUNT_TOKEN, or the token that KEYRUN_OP_TOKEN_REF names");
    }
    if (message.contains("(401)") || message.contains("(403)")) {
      return new StoreException(
          "1Password denied access: " + message,
          "check that the token or account may read this vault");
    }
    return new StoreException("op failed: " + message, null);
  }

  /** Returns the first {@code [ERROR]} message without its timestamp, else the first line. */
  static String firstError(String stderr) {
    for (String line : stderr.split("\n")) {
      if (line.startsWith("[ERROR]")) {
        String text = line.substring("[ERROR]".length()).strip();
        return text.replaceFirst("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ", "");
      }
    }
    String stripped = stderr.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline);
  }
}
