package dev.keyrun.backend;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The part of the world a store may read while it resolves: keyrun's own environment as bytes, the
 * user's home directory, the deadline after which resolution is abandoned, and the machine settings
 * from the environment and the user's config file.
 */
public record StoreContext(
    Map<String, byte[]> environment, Path home, Instant deadline, StoreSettings settings) {

  /** Creates a context whose settings come from {@code environment} alone. */
  public StoreContext(Map<String, byte[]> environment, Path home, Instant deadline) {
    this(environment, home, deadline, StoreSettings.fromEnvironment(environment));
  }

  /** Returns the environment variable {@code name} decoded as UTF-8, or null when unset. */
  public String environmentText(String name) {
    byte[] value = environment.get(name);
    return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
