package dev.keyrun.files;

import dev.keyrun.KeyrunException;
import java.util.regex.Pattern;

/**
 * The rule for the names of secret files: environment variable names, {@code
 * [A-Za-z_][A-Za-z0-9_]*}. Such a name cannot contain a path separator, cannot be {@code .} or
 * {@code ..}, and needs no quoting in a shell.
 */
final class SecretNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SecretNames() {}

  /** Throws a {@link KeyrunException} unless {@code name} is a valid environment variable name. */
  static void check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KeyrunException.failed(
          name == null ? "secret file" : "secret file '" + name + "'",
          "invalid name: a secret file is named like an environment variable,"
              + " with letters, digits and _, not starting with a digit",
          "rename the variable, for example to API_KEY");
    }
  }
}
