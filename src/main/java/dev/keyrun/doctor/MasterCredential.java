package dev.keyrun.doctor;

import java.util.Optional;

/**
 * A credential that unlocks many secrets at once, so that a program that reads it can read every
 * secret the token gives access to: a 1Password service account or Connect token, a HashiCorp Vault
 * token or a Doppler token. Each kind has the environment variable its tools read and a keyring
 * reference to keep it under instead.
 */
enum MasterCredential {
  ONE_PASSWORD_SERVICE_ACCOUNT(
      "1Password service account token",
      "1Password",
      "OP_SERVICE_ACCOUNT_TOKEN",
      "keyring://op/service-account"),
  ONE_PASSWORD_CONNECT(
      "1Password Connect token", "", "OP_CONNECT_TOKEN", "keyring://op/connect-token"),
  VAULT("HashiCorp Vault token", "HashiCorp Vault", "VAULT_TOKEN", "keyring://vault/token"),
  DOPPLER("Doppler token", "Doppler", "DOPPLER_TOKEN", "keyring://doppler/token");

  private final String description;
  private final String provider;
  private final String variable;
  private final String keyringReference;

  MasterCredential(String description, String provider, String variable, String reference) {
    this.description = description;
    this.provider = provider;
    this.variable = variable;
    this.keyringReference = reference;
  }

  /** Returns the kind whose token format {@link KeyPatterns} reports as {@code provider}. */
  static Optional<MasterCredential> ofProvider(String provider) {
    for (MasterCredential kind : values()) {
      if (!kind.provider.isEmpty() && kind.provider.equals(provider)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Returns the words a finding uses, such as "1Password service account token". */
  String description() {
    return description;
  }

  /** Returns the environment variable the store's own tools read the token from. */
  String variable() {
    return variable;
  }

  /**
   * Returns the fix of a token found in a file or in the environment: rotate it, keep the new one
   * in the keyring and hand it to programs through keyrun.
   */
  String fix(String exposure) {
    String store = "keyrun set " + keyringReference;
    if (this == ONE_PASSWORD_SERVICE_ACCOUNT) {
      return "rotate the token ("
          + exposure
          + "), store the new one with "
          + store
          + ", set op.service-account-token = \""
          + keyringReference
          + "\" in keyrun's config, and start MCP servers with keyrun -- COMMAND instead of"
          + " writing the token into their config";
    }
    return "rotate the token ("
        + exposure
        + "), store the new one with "
        + store
        + ", and give it to the programs that need it as "
        + variable
        + "="
        + keyringReference
        + " in an env file run with keyrun -- COMMAND, also for MCP servers, instead of writing"
        + " it there";
  }

  /**
   * Returns the fix of a token in keyrun's environment: keep it in the keyring, so that it reaches
   * only the programs that need it.
   */
  String environmentFix() {
    String delivery =
        this == ONE_PASSWORD_SERVICE_ACCOUNT
            ? "set op.service-account-token = \"" + keyringReference + "\" in keyrun's config"
            : "write " + variable + "=" + keyringReference + " in the env file keyrun runs with";
    return "remove it from the environment, since every program started from this shell can read"
        + " it: store it with keyrun set "
        + keyringReference
        + " and "
        + delivery;
  }
}
