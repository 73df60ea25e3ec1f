package dev.keyrun.inventory;

import java.util.Objects;

/**
 * A key that references a store entry, as keyrun saw it in its runs: in a project's file, in a
 * systemd unit, or both. Dates are UTC days in ISO form ({@code 2026-12-05}).
 *
 * @param reference the reference as written, such as {@code dotenv:API_KEY}; never a value
 * @param key the variable the reference is assigned to
 * @param project the absolute path of the env file or manifest that declares the key, or null for a
 *     reference inherited from keyrun's environment
 * @param unit the systemd service keyrun ran in, or null
 * @param firstSeen the day of the first run that used it
 * @param lastSeen the day of the latest run that used it
 */
public record Use(
    String reference,
    String key,
    String project,
    SystemdUnit unit,
    String firstSeen,
    String lastSeen) {

  public Use {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /** Returns what identifies the use, without its dates. */
  String identity() {
    return reference
        + '\t'
        + key
        + '\t'
        + (project == null ? "" : project)
        + '\t'
        + (unit == null ? "" : unit.key());
  }

  Use seenOn(String day) {
    return new Use(reference, key, project, unit, firstSeen, day);
  }
}
