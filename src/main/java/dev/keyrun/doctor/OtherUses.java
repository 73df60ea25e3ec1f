package dev.keyrun.doctor;

import dev.keyrun.inventory.Inventory;
import dev.keyrun.inventory.InventoryFile;
import dev.keyrun.inventory.Use;
import dev.keyrun.reference.Reference;
import dev.keyrun.run.DeclaredKeys;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The references that other projects and units assign to a key name of this project, from the
 * inventory. The same name taken from another reference elsewhere may be a copy of the same value,
 * which {@code key-copies} then checks by resolving it.
 */
final class OtherUses {
  private OtherUses() {}

  /**
   * Returns each reference, not used by this project, that the inventory records under the name of
   * one of {@code keys}, with one of its uses. An unreadable inventory gives none, because this is
   * only a search for more places.
   */
  static Map<Reference, Use> of(
      ProjectKeys project, List<DeclaredKeys.Key> keys, Set<Reference> own) {
    Inventory inventory;
    try {
      inventory = InventoryFile.of(project.environment(), project.home()).read();
    } catch (IOException e) {
      return Map.of();
    }

    Set<String> names = keys.stream().map(DeclaredKeys.Key::name).collect(Collectors.toSet());
    Map<Reference, Use> others = new LinkedHashMap<>();
    for (Use use : inventory.uses()) {
      if (!names.contains(use.key())) {
        continue;
      }
      Reference.parse(use.reference())
          .filter(reference -> !own.contains(reference))
          .ifPresent(reference -> others.putIfAbsent(reference, use));
    }
    return others;
  }

  /** Returns where {@code use} is, such as {@code API_KEY in /src/shop/.env}. */
  static String describe(Use use) {
    if (use.project() != null) {
      return use.key() + " in " + use.project();
    }
    return use.unit() == null ? use.key() : use.key() + " in " + use.unit().name();
  }
}
