package dev.keyrun.project;

import dev.keyrun.reference.Reference;
import java.util.Optional;

/**
 * The changes that a profile makes to one key. An empty field keeps the value of the key's {@code
 * [keys]} table.
 *
 * @param line the 1-based line of the entry, or 0 when it cannot be located
 */
record ProfileEntry(
    Optional<Reference> reference,
    Optional<KeyDelivery> delivery,
    Optional<Boolean> required,
    int line) {}
