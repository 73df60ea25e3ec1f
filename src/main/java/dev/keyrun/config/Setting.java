package dev.keyrun.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A setting of the user's config file: its TOML key, the environment variable that overrides it (if
 * any) and the TOML type its value has.
 */
public enum Setting {
  PROFILE("profile", "KEYRUN_PROFILE", Type.STRING),
  DOTENV_STORE("dotenv.store", "KEYRUN_DOTENV_STORE", Type.STRING),
  OP_SERVICE_ACCOUNT_TOKEN("op.service-account-token", "KEYRUN_OP_TOKEN_REF", Type.STRING),
  KEYRING("keyring", "KEYRUN_KEYRING", Type.STRING),
  CREDSTORE_PATH("credstore.path", "KEYRUN_CREDSTORE_PATH", Type.STRING_ARRAY),
  TIMEOUT("timeout", null, Type.INTEGER),
  MASK("mask", null, Type.STRING),
  ROTATION_MAX_AGE_DAYS("rotation.max-age-days", null, Type.INTEGER);

  /** The TOML types that settings have, named as the TOML specification names them. */
  enum Type {
    STRING("a string"),
    INTEGER("an integer"),
    STRING_ARRAY("an array of strings");

    final String description;

    Type(String description) {
      this.description = description;
    }
  }

  private final String key;
  private final String variable;
  private final Type type;

  Setting(String key, String variable, Type type) {
    this.key = key;
    this.variable = variable;
    this.type = type;
  }

  /** Returns the dotted TOML key, such as {@code dotenv.store}. */
  public String key() {
    return key;
  }

  /** Returns the environment variable that overrides the config file, if there is one. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  Type type() {
    return type;
  }

  /** Returns the setting whose dotted TOML key is {@code key}. */
  static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
  }

  /** Returns every dotted key, in the order of the documentation. */
  static List<String> keys() {
    return Arrays.stream(values()).map(Setting::key).toList();
  }

  /** Tells whether {@code key} is a table that contains settings, such as {@code dotenv}. */
  static boolean isTable(String key) {
    return Arrays.stream(values()).anyMatch(setting -> setting.key.startsWith(key + "."));
  }
}
