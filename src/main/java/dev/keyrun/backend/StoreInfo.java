package dev.keyrun.backend;

import dev.keyrun.reference.Scheme;
import java.util.List;

/**
 * The description of a store that help text, error hints and diagnostics all read.
 *
 * @param name short name used in messages, such as {@code dotenv store}
 * @param schemes the reference schemes the store serves
 * @param summary one line on what the store is
 * @param example a reference that shows the syntax
 * @param missingHint what to do when a reference names an entry the store does not have; the word
 *     {@code REFERENCE} in it stands for that reference
 */
public record StoreInfo(
    String name, List<Scheme> schemes, String summary, String example, String missingHint) {}
