package dev.keyrun.export;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.DotenvValueEncoder;
import dev.keyrun.text.JsonText;
import dev.keyrun.text.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The output formats of {@code keyrun export}, each quoting values so that its reader gets back
 * exactly the same bytes: POSIX sh, fish, keyrun's .env dialect and JSON.
 */
public enum ExportFormat {
  SH,
  FISH,
  DOTENV,
  JSON;

  /** Returns the format named {@code name} ({@code sh}, {@code fish}, ...), if there is one. */
  public static Optional<ExportFormat> named(String name) {
    for (ExportFormat format : values()) {
      if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Returns {@code values} written in this format: one line per key, or one JSON object. */
  public byte[] write(Map<String, byte[]> values) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    if (this == JSON) {
      output.writeBytes(JsonText.object(decodeAll(values)).getBytes(StandardCharsets.UTF_8));
      output.write('\n');
      return output.toByteArray();
    }
    values.forEach((key, value) -> output.writeBytes(line(key, value)));
    return output.toByteArray();
  }

  private byte[] line(String key, byte[] value) {
    switch (this) {
      case SH:
        requireShellName(key);
        return concat("export " + key + "=", ShellQuoting.sh(value), "\n");
      case FISH:
        requireShellName(key);
        return concat("set -gx " + key + " ", ShellQuoting.fish(value), "\n");
      default:
        String encoded = DotenvValueEncoder.encode(decode(key, value));
        return (key + "=" + encoded + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] concat(String before, byte[] quoted, String after) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(before.length() + quoted.length + 1);
    line.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    line.writeBytes(quoted);
    line.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return line.toByteArray();
  }

  /**
   * Rejects a key that a shell cannot assign: keyrun's keys may contain {@code .} and {@code -},
   * and shell variable names may not.
   */
  private void requireShellName(String key) {
    boolean valid = !key.isEmpty() && !Character.isDigit(key.charAt(0));
    for (int i = 0; i < key.length() && valid; i++) {
      char c = key.charAt(i);
      valid =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (!valid) {
      throw KeyrunException.failed(
          key,
          "not a valid " + displayName() + " variable name (letters, digits and _ only)",
          "leave it out with --only, or use --format dotenv or --format json");
    }
  }

  private Map<String, String> decodeAll(Map<String, byte[]> values) {
    Map<String, String> text = new java.util.LinkedHashMap<>();
    values.forEach((key, value) -> text.put(key, decode(key, value)));
    return text;
  }

  /** Decodes a value strictly, because replacing a byte that is not UTF-8 would change it. */
  private String decode(String key, byte[] value) {
    return StrictUtf8.decode(value)
        .orElseThrow(
            () ->
                KeyrunException.failed(
                    key,
                    "the value is not valid UTF-8, which " + displayName() + " cannot carry",
                    "use --format sh or --format fish, which pass any bytes"));
  }

  private String displayName() {
    return this == DOTENV ? ".env" : name().toLowerCase(Locale.ROOT);
  }
}
