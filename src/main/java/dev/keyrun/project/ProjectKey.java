package dev.keyrun.project;

import dev.keyrun.reference.Reference;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A key that a project's manifest declares, with the active profile applied.
 *
 * @param name the environment variable name
 * @param description the {@code description} field, or an empty string
 * @param required whether a run fails when the key has no reference
 * @param reference where the value lives, or empty for an optional key that neither {@code [keys]}
 *     nor the active profile gives a reference, which a run skips
 * @param delivery how the key reaches the command
 * @param maxAgeDays the {@code max-age-days} field: how old the value may get before it is due for
 *     rotation
 * @param line the 1-based line of the manifest where the reference in effect is written (the
 *     profile's entry or the key's table), or 0 when it cannot be located
 */
public record ProjectKey(
    String name,
    String description,
    boolean required,
    Optional<Reference> reference,
    KeyDelivery delivery,
    OptionalInt maxAgeDays,
    int line) {

  public ProjectKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(maxAgeDays, "maxAgeDays");
  }
}
