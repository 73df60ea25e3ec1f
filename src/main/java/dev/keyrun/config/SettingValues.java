package dev.keyrun.config;

import dev.keyrun.backend.DotenvStore;
import dev.keyrun.backend.keyring.KeyringStore;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import dev.keyrun.toml.TomlLines;
import dev.keyrun.toml.TomlValues;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules and defaults of each setting's value: what the config file may contain, how an
 * environment variable's text is read, and the built-in default.
 */
final class SettingValues {
  static final int DEFAULT_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_ROTATION_MAX_AGE_DAYS = 90;
  static final String DEFAULT_MASK = "auto";
  static final Set<String> MASK_VALUES = Set.of("auto", "always", "never");
  private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private SettingValues() {}

  /**
   * Returns the checked value of {@code setting} from the config file: a String, a Path, an Integer
   * or a list of Strings. {@code raw} already has the setting's TOML type.
   *
   * @throws dev.keyrun.KeyrunException naming the file and line when the value is invalid
   */
  static Object fromFile(Setting setting, Object raw, ConfigText config, Path home) {
    int line = TomlLines.lineOf(config.text(), setting.key());
    Optional<String> problem = problem(setting, raw, home);
    if (problem.isPresent()) {
      throw config.failure(line, problem.get(), example(setting));
    }
    return switch (setting) {
      case DOTENV_STORE -> expandHome((String) raw, home);
      case TIMEOUT, ROTATION_MAX_AGE_DAYS -> ((Number) raw).intValue();
      default -> raw;
    };
  }

  /**
   * Returns what is wrong with a value from the config file. The message never contains the value
   * of op.service-account-token, in case a token was written there instead of a reference.
   */
  private static Optional<String> problem(Setting setting, Object raw, Path home) {
    String key = setting.key();
    return switch (setting) {
      case PROFILE ->
          PROFILE_NAME.matcher((String) raw).matches()
              ? Optional.empty()
              : Optional.of(key + " \"" + raw + "\" is not a valid profile name");
      case DOTENV_STORE ->
          isAbsolute((String) raw, home)
              ? Optional.empty()
              : Optional.of(key + " \"" + raw + "\" is not an absolute path");
      case OP_SERVICE_ACCOUNT_TOKEN ->
          isTokenReference((String) raw)
              ? Optional.empty()
              : Optional.of(key + " must be a reference to a store other than 1Password");
      case KEYRING ->
          raw.equals(KeyringStore.KEYCHAIN) || raw.equals(KeyringStore.SECRET_SERVICE)
              ? Optional.empty()
              : Optional.of(key + " \"" + raw + "\" must be keychain or secret-service");
      case CREDSTORE_PATH ->
          relativeEntry(raw).map(entry -> key + " lists the relative path \"" + entry + "\"");
      case TIMEOUT, ROTATION_MAX_AGE_DAYS -> positiveInt(key, (Number) raw);
      case MASK ->
          MASK_VALUES.contains(raw)
              ? Optional.empty()
              : Optional.of(key + " \"" + raw + "\" must be auto, always or never");
    };
  }

  /** Returns the value of {@code setting} that the text of its environment variable gives. */
  static Object fromEnvironment(Setting setting, String text) {
    return switch (setting) {
      case DOTENV_STORE -> Path.of(text);
      case CREDSTORE_PATH -> Arrays.asList(text.split(":"));
      default -> text;
    };
  }

  /** Returns the built-in default of {@code setting}, or null when it has none. */
  static Object builtIn(Setting setting, Map<String, byte[]> environment, Path home) {
    return switch (setting) {
      case PROFILE, OP_SERVICE_ACCOUNT_TOKEN -> null;
      case DOTENV_STORE -> DotenvStore.standardFile(environment, home);
      case KEYRING -> KeyringStore.systemDefault();
      case CREDSTORE_PATH -> SystemdCredsStore.DEFAULT_CREDSTORES;
      case TIMEOUT -> DEFAULT_TIMEOUT_SECONDS;
      case MASK -> DEFAULT_MASK;
      case ROTATION_MAX_AGE_DAYS -> DEFAULT_ROTATION_MAX_AGE_DAYS;
    };
  }

  /** Returns a hint with an example of a valid line for {@code setting}. */
  static String example(Setting setting) {
    String line =
        switch (setting) {
          case PROFILE -> "profile = \"laptop\"";
          case DOTENV_STORE -> "store = \"~/.config/keyrun/secrets.env\" in the [dotenv] table";
          case OP_SERVICE_ACCOUNT_TOKEN ->
              "service-account-token = \"keyring://op/service-account\" in the [op] table";
          case KEYRING -> "keyring = \"secret-service\" (or \"keychain\")";
          case CREDSTORE_PATH ->
              "path = [\"/etc/credstore\", \"/etc/credstore.encrypted\"] in the [credstore] table";
          case TIMEOUT -> "timeout = 30 (seconds)";
          case MASK -> "mask = \"never\" (or \"auto\", \"always\")";
          case ROTATION_MAX_AGE_DAYS -> "max-age-days = 90 in the [rotation] table";
        };
    return "for example: " + line;
  }

  /** Tells whether {@code text} is a reference the 1Password token can be read from. */
  static boolean isTokenReference(String text) {
    Optional<Reference> reference = Reference.parse(text);
    return reference.isPresent() && reference.get().scheme() != Scheme.OP;
  }

  private static Path expandHome(String text, Path home) {
    if (text.equals("~")) {
      return home;
    }
    if (text.startsWith("~/")) {
      return home.resolve(text.substring(2));
    }
    return Path.of(text);
  }

  private static boolean isAbsolute(String text, Path home) {
    try {
      return expandHome(text, home).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static Optional<String> relativeEntry(Object raw) {
    @SuppressWarnings("unchecked")
    List<String> entries = (List<String>) raw;
    return entries.stream().filter(entry -> !entry.startsWith("/")).findFirst();
  }

  /** Checks an integer from the file, which is a BigInteger when it does not fit in a long. */
  private static Optional<String> positiveInt(String key, Number value) {
    if (TomlValues.positiveInt(value).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(key + " must be a positive integer, not " + value);
  }
}
