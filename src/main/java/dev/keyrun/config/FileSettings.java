package dev.keyrun.config;

import dev.keyrun.reference.EditDistance;
import dev.keyrun.toml.TomlLines;
import dev.keyrun.toml.TomlValues;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the parsed config file against the known settings: every key must be a setting (so a typo
 * cannot pass silently) and every value must have the setting's TOML type. Value rules beyond the
 * type are {@link SettingValues}'s.
 */
final class FileSettings {
  private final ConfigText config;
  private final Map<Setting, Object> values = new EnumMap<>(Setting.class);

  private FileSettings(ConfigText config) {
    this.config = config;
  }

  /**
   * Returns each setting the file sets, with its TOML value: a String, a Long, a BigInteger (an
   * integer beyond a long) or a list of Strings.
   *
   * @throws dev.keyrun.KeyrunException naming the file and line of the first unknown setting or
   *     value of the wrong type
   */
  static Map<Setting, Object> check(ConfigText config, Map<String, Object> table) {
    FileSettings settings = new FileSettings(config);
    settings.checkTable("", table);
    return settings.values;
  }

  private void checkTable(String prefix, Map<String, Object> table) {
    for (Map.Entry<String, Object> entry : table.entrySet()) {
      String key = prefix + entry.getKey();
      Object value = entry.getValue();
      Optional<Setting> setting = Setting.byKey(key);
      if (setting.isPresent()) {
        values.put(setting.get(), typed(setting.get(), value));
      } else if (Setting.isTable(key) && value instanceof Map<?, ?> nested) {
        checkTable(key + ".", asTable(nested));
      } else if (Setting.isTable(key)) {
        throw config.failure(
            line(key), key + " must be a table, not " + typeName(value), "write [" + key + "]");
      } else {
        throw config.failure(line(key), "unknown setting " + key, suggestion(key));
      }
    }
  }

  private Object typed(Setting setting, Object value) {
    boolean matches =
        switch (setting.type()) {
          case STRING -> value instanceof String;
          case INTEGER -> TomlValues.isInteger(value);
          case STRING_ARRAY ->
              value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
        };
    if (!matches) {
      throw config.failure(
          line(setting.key()),
          setting.key() + " must be " + setting.type().description + ", not " + typeName(value),
          SettingValues.example(setting));
    }
    return value instanceof Integer small ? Long.valueOf(small) : value;
  }

  private int line(String key) {
    return TomlLines.lineOf(config.text(), key);
  }

  /** Returns the TOML type name of a parsed value. */
  static String typeName(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    if (TomlValues.isInteger(value)) {
      return "an integer";
    }
    if (value instanceof Number) {
      return "a float";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .filter(item -> !(item instanceof String))
          .findFirst()
          .map(item -> "an array that contains " + typeName(item))
          .orElse("an array of strings");
    }
    return "a table";
  }

  /**
   * Returns a hint for an unknown key: the setting it most likely misspells, or the top-level
   * setting it names when it was written below a table header, else the list of settings.
   */
  static String suggestion(String key) {
    String list = "the settings are " + String.join(", ", Setting.keys());
    String leaf = key.substring(key.lastIndexOf('.') + 1);
    Optional<Setting> topLevel = Setting.byKey(leaf);
    if (!leaf.equals(key) && topLevel.isPresent()) {
      return leaf + " is a top-level setting: write it above the first [table] header";
    }

    String closest =
        Setting.keys().stream()
            .min(Comparator.comparingInt(known -> EditDistance.between(key, known)))
            .orElseThrow();
    if (EditDistance.between(key, closest) <= 2) {
      return "did you mean " + closest + "? " + list;
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asTable(Map<?, ?> table) {
    return (Map<String, Object>) table;
  }
}
