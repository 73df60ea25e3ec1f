package dev.keyrun.backend;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine settings that stores read: the default dotenv store file, the reference to the
 * 1Password service account token, the store behind {@code keyring://} and the credential store
 * directories. Each is empty when unset, and the store then uses its built-in default.
 *
 * <p>keyrun builds them from its environment and the user's config file; stores read them here
 * instead of reading the environment, so a setting from the config file never has to be put into
 * the environment the command inherits.
 */
public record StoreSettings(
    Optional<Configured<Path>> dotenvStore,
    Optional<Configured<String>> opTokenReference,
    Optional<Configured<String>> keyring,
    Optional<Configured<List<String>>> credstorePath) {

  public static final String DOTENV_STORE_VARIABLE = "KEYRUN_DOTENV_STORE";
  public static final String OP_TOKEN_REFERENCE_VARIABLE = "KEYRUN_OP_TOKEN_REF";
  public static final String KEYRING_VARIABLE = "KEYRUN_KEYRING";
  public static final String CREDSTORE_PATH_VARIABLE = "KEYRUN_CREDSTORE_PATH";

  /**
   * A setting's value and where it was set, such as {@code KEYRUN_KEYRING} or {@code keyring in
   * /home/me/.config/keyrun/config.toml:3}, for messages that tell the user what to fix.
   */
  public record Configured<T>(T value, String origin) {}

  /**
   * Returns the settings that keyrun's environment variables make. An empty variable counts as
   * unset.
   */
  public static StoreSettings fromEnvironment(Map<String, byte[]> environment) {
    return new StoreSettings(
        variable(environment, DOTENV_STORE_VARIABLE).map(text -> configured(Path.of(text))),
        variable(environment, OP_TOKEN_REFERENCE_VARIABLE).map(StoreSettings::tokenReference),
        variable(environment, KEYRING_VARIABLE)
            .map(text -> new Configured<>(text, KEYRING_VARIABLE)),
        variable(environment, CREDSTORE_PATH_VARIABLE).map(StoreSettings::credstorePath));
  }

  /** Returns the text of the environment variable {@code name}, or empty when unset or empty. */
  public static Optional<String> variable(Map<String, byte[]> environment, String name) {
    byte[] value = environment.get(name);
    if (value == null || value.length == 0) {
      return Optional.empty();
    }
    return Optional.of(new String(value, StandardCharsets.UTF_8));
  }

  private static Configured<Path> configured(Path file) {
    return new Configured<>(file, DOTENV_STORE_VARIABLE);
  }

  private static Configured<String> tokenReference(String text) {
    return new Configured<>(text, OP_TOKEN_REFERENCE_VARIABLE);
  }

  private static Configured<List<String>> credstorePath(String text) {
    return new Configured<>(Arrays.asList(text.split(":")), CREDSTORE_PATH_VARIABLE);
  }
}
