package dev.keyrun.config;

import dev.keyrun.backend.StoreSettings;
import dev.keyrun.backend.StoreSettings.Configured;
import dev.keyrun.toml.TomlLines;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective machine settings of this user: each setting's value from its environment variable,
 * else from the user's config file, else the built-in default, with where it came from.
 * Command-line options override these where a command has them, and each command applies its own
 * options.
 *
 * <p>Loading reads the config file once. When there is no file, no TOML parser is loaded.
 */
public final class UserConfig {
  /** A setting's effective value (null when it has none) and its source. */
  public record Effective(Setting setting, Object value, Source source) {}

  private final Path file;
  private final boolean fileFound;
  private final Map<Setting, Effective> settings;

  private UserConfig(Path file, boolean fileFound, Map<Setting, Effective> settings) {
    this.file = file;
    this.fileFound = fileFound;
    this.settings = settings;
  }

  /** Tells whether {@code text} is a reference from which the 1Password token can be read. */
  public static boolean isTokenReference(String text) {
    return SettingValues.isTokenReference(text);
  }

  /** Returns the path of the config file of the user whose environment and home are given. */
  public static Path locate(Map<String, byte[]> environment, Path home) {
    return ConfigFile.locate(environment, home);
  }

  /**
   * Reads the config file of the user whose environment and home directory are given, and combines
   * it with the environment.
   *
   * @throws dev.keyrun.KeyrunException when the file is unsafe, malformed or sets an invalid value
   */
  public static UserConfig load(Map<String, byte[]> environment, Path home) {
    Path file = ConfigFile.locate(environment, home);
    Optional<ConfigText> text = ConfigFile.read(file);
    Map<Setting, Object> fromFile = text.map(config -> parse(config, home)).orElse(Map.of());

    Map<Setting, Effective> settings = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      settings.put(setting, effective(setting, environment, home, file, text, fromFile));
    }
    return new UserConfig(file, text.isPresent(), settings);
  }

  private static Map<Setting, Object> parse(ConfigText config, Path home) {
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    FileSettings.check(config, config.table())
        .forEach(
            (setting, raw) ->
                values.put(setting, SettingValues.fromFile(setting, raw, config, home)));
    return values;
  }

  private static Effective effective(
      Setting setting,
      Map<String, byte[]> environment,
      Path home,
      Path file,
      Optional<ConfigText> text,
      Map<Setting, Object> fromFile) {
    Optional<String> variable =
        setting.variable().flatMap(name -> StoreSettings.variable(environment, name));
    if (variable.isPresent()) {
      Object value = SettingValues.fromEnvironment(setting, variable.get());
      return new Effective(setting, value, Source.environment(setting.variable().orElseThrow()));
    }
    if (fromFile.containsKey(setting)) {
      int line = TomlLines.lineOf(text.orElseThrow().text(), setting.key());
      return new Effective(setting, fromFile.get(setting), Source.configFile(file, line));
    }
    return new Effective(
        setting, SettingValues.builtIn(setting, environment, home), Source.builtIn());
  }

  /** Returns the path of the config file, whether or not it exists. */
  public Path file() {
    return file;
  }

  /** Tells whether the config file exists (and so was read). */
  public boolean fileFound() {
    return fileFound;
  }

  /** Returns every setting's effective value and source, in the order of the documentation. */
  public List<Effective> settings() {
    return Arrays.stream(Setting.values()).map(settings::get).toList();
  }

  /** Returns the effective value and source of one setting. */
  public Effective get(Setting setting) {
    return settings.get(setting);
  }

  /**
   * Returns the default profile of this machine for project manifests: {@code KEYRUN_PROFILE}, else
   * {@code profile} in the config file. A command's {@code --profile} option overrides it.
   */
  public Optional<String> profile() {
    return Optional.ofNullable((String) settings.get(Setting.PROFILE).value());
  }

  /**
   * Returns the {@code profile} of the config file alone, without {@code KEYRUN_PROFILE}: the
   * machine default that a project manifest applies when it defines that profile.
   */
  public Optional<String> fileProfile() {
    Effective profile = settings.get(Setting.PROFILE);
    if (profile.source().kind() == Source.Kind.CONFIG_FILE) {
      return Optional.of((String) profile.value());
    }
    return Optional.empty();
  }

  /** Returns the seconds stores get when a command has no {@code --timeout}. */
  public int timeoutSeconds() {
    return (Integer) settings.get(Setting.TIMEOUT).value();
  }

  /** Returns {@code auto}, {@code always} or {@code never}: masking without --mask or --no-mask. */
  public String mask() {
    return (String) settings.get(Setting.MASK).value();
  }

  /** Returns the age in days after which a secret counts as due for rotation. */
  public int rotationMaxAgeDays() {
    return (Integer) settings.get(Setting.ROTATION_MAX_AGE_DAYS).value();
  }

  /**
   * Returns the settings stores read. A setting left at its default is empty there, so that the
   * store applies its own default.
   */
  public StoreSettings storeSettings() {
    return new StoreSettings(
        configured(Setting.DOTENV_STORE, Path.class),
        configured(Setting.OP_SERVICE_ACCOUNT_TOKEN, String.class),
        configured(Setting.KEYRING, String.class),
        credstorePath());
  }

  private <T> Optional<Configured<T>> configured(Setting setting, Class<T> type) {
    Effective effective = settings.get(setting);
    if (effective.source().kind() == Source.Kind.DEFAULT) {
      return Optional.empty();
    }
    return Optional.of(new Configured<>(type.cast(effective.value()), origin(effective)));
  }

  @SuppressWarnings("unchecked")
  private Optional<Configured<List<String>>> credstorePath() {
    Effective effective = settings.get(Setting.CREDSTORE_PATH);
    if (effective.source().kind() == Source.Kind.DEFAULT) {
      return Optional.empty();
    }
    return Optional.of(new Configured<>((List<String>) effective.value(), origin(effective)));
  }

  /** Returns how messages name the place a setting was set: a variable, or key, file and line. */
  private static String origin(Effective effective) {
    Source source = effective.source();
    if (source.kind() == Source.Kind.ENVIRONMENT) {
      return source.variable();
    }
    return effective.setting().key() + " in " + source.describe();
  }
}
