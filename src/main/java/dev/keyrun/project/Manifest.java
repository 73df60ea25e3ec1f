package dev.keyrun.project;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated {@code keyrun.toml}, before a profile is chosen.
 *
 * @param file the manifest file
 * @param name the project's name
 * @param defaultProfile the {@code [project] default-profile}, which names a defined profile
 * @param keys the {@code [keys]} tables as written, in file order
 * @param profiles each profile's entries by key name, both in file order
 */
record Manifest(
    Path file,
    String name,
    Optional<String> defaultProfile,
    List<ProjectKey> keys,
    Map<String, Map<String, ProfileEntry>> profiles) {

  Manifest {
    keys = List.copyOf(keys);
    profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
  }
}
