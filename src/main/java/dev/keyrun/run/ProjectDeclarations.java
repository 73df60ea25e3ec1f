package dev.keyrun.run;

import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.project.KeyDelivery;
import dev.keyrun.project.Project;
import dev.keyrun.project.ProjectKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a project's manifest keys into declared keys, each one reference with the manifest's file
 * and line as its origin, so that selection, resolution, masking and delivery treat them as keys of
 * an env file.
 */
final class ProjectDeclarations {
  private ProjectDeclarations() {}

  /**
   * Returns the manifest's keys followed by the env files' keys. A key of an env file replaces the
   * manifest's key of the same name and keeps its position. Optional keys without a reference are
   * left out.
   */
  static Map<String, ExpandedValue> declared(
      Optional<Project> project, Map<String, ExpandedValue> fromEnvFiles) {
    if (project.isEmpty()) {
      return fromEnvFiles;
    }
    Map<String, ExpandedValue> declared = new LinkedHashMap<>();
    String source = project.get().manifest().toString();
    for (ProjectKey key : project.get().keys()) {
      key.reference()
          .ifPresent(
              reference ->
                  declared.put(
                      key.name(),
                      new ExpandedValue(
                          key.name(),
                          List.of(new Piece(reference.toString(), true)),
                          source,
                          key.line(),
                          false)));
    }
    declared.putAll(fromEnvFiles);
    return declared;
  }

  /**
   * Returns the manifest's optional keys ({@code required = false}) that an env file does not
   * replace: a run leaves such a key out when its store has no entry for it.
   */
  static Set<String> optionalKeys(Optional<Project> project, Map<String, ExpandedValue> declared) {
    Set<String> optional = new LinkedHashSet<>();
    project.ifPresent(
        p -> {
          String source = p.manifest().toString();
          for (ProjectKey key : p.keys()) {
            ExpandedValue value = declared.get(key.name());
            if (!key.required() && value != null && source.equals(value.source())) {
              optional.add(key.name());
            }
          }
        });
    return optional;
  }

  /**
   * Returns the requested delivery with the manifest's {@code delivery} fields added for the
   * selected keys. The command line wins: {@code --as-env} over {@code delivery = "file"}, and
   * {@code --file} or {@code --as-files} over {@code delivery = "env"}.
   */
  static Delivery delivery(
      Delivery requested, Optional<Project> project, List<Declaration> selected) {
    if (project.isEmpty()) {
      return requested;
    }
    Set<String> selectedKeys = new LinkedHashSet<>();
    selected.forEach(declaration -> selectedKeys.add(declaration.key()));

    Set<String> fileKeys = new LinkedHashSet<>(requested.fileKeys());
    Set<String> environmentKeys = new LinkedHashSet<>(requested.environmentKeys());
    for (ProjectKey key : project.get().keys()) {
      String name = key.name();
      if (!selectedKeys.contains(name)) {
        continue;
      }
      if (key.delivery() == KeyDelivery.FILE && !requested.environmentKeys().contains(name)) {
        fileKeys.add(name);
      }
      if (key.delivery() == KeyDelivery.ENV
          && !requested.allFiles()
          && !requested.fileKeys().contains(name)) {
        environmentKeys.add(name);
      }
    }
    return new Delivery(requested.allFiles(), fileKeys, environmentKeys, requested.memoryFiles());
  }
}
