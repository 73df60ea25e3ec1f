package dev.keyrun.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * An XDG base directory that keyrun keeps files in. The XDG Base Directory specification requires a
 * relative path in its variable to be ignored as invalid, so only an absolute one is used, and
 * otherwise the default below the home directory.
 */
public enum XdgBaseDirectory {
  /** {@code $XDG_CONFIG_HOME}, by default {@code ~/.config}: the config file and secrets.env. */
  CONFIG("XDG_CONFIG_HOME", ".config"),

  /** {@code $XDG_STATE_HOME}, by default {@code ~/.local/state}: the inventory and backups. */
  STATE("XDG_STATE_HOME", ".local/state");

  private final String variable;
  private final String defaultPath;

  XdgBaseDirectory(String variable, String defaultPath) {
    this.variable = variable;
    this.defaultPath = defaultPath;
  }

  /** Returns the directory: the variable's value when it is an absolute path, else the default. */
  public Path resolve(Map<String, byte[]> environment, Path home) {
    byte[] value = environment.get(variable);
    String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
    return text.startsWith("/") ? Path.of(text) : home.resolve(defaultPath);
  }
}
