package dev.keyrun.run;

import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.project.Project;
import dev.keyrun.project.ProjectKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keys a project declares, for the commands that list or check them: the manifest's keys with
 * the active profile applied, then the env files' keys. An env file's key replaces a manifest key
 * of the same name, as in a run. Nothing is resolved here.
 */
public final class DeclaredKeys {
  private DeclaredKeys() {}

  /**
   * A declared key.
   *
   * @param name the variable name
   * @param value the value as written, or empty for a manifest key without a reference in the
   *     active profile
   * @param origin where the key is declared, such as {@code /src/app/keyrun.toml:7} or {@code
   *     .env:3}
   * @param required whether a check fails when the key does not resolve; env-file keys are required
   * @param description the manifest's description, or an empty string
   * @param maxAgeDays the manifest's {@code max-age-days} for the key, if any
   */
  public record Key(
      String name,
      Optional<ExpandedValue> value,
      String origin,
      boolean required,
      String description,
      OptionalInt maxAgeDays) {}

  /** Returns the keys of {@code project} and {@code envFiles}, in declaration order. */
  public static List<Key> of(
      Optional<Project> project, List<Path> envFiles, Map<String, byte[]> environment) {
    Map<String, Key> keys = new LinkedHashMap<>();
    project.ifPresent(p -> p.keys().forEach(key -> keys.put(key.name(), fromManifest(p, key))));

    Map<String, ExpandedValue> fromFiles =
        EnvFiles.load(envFiles, environment, project.isPresent());
    fromFiles.forEach(
        (name, value) -> {
          Key declared = keys.get(name);
          keys.put(name, fromEnvFile(value, declared));
        });
    return new ArrayList<>(keys.values());
  }

  private static Key fromManifest(Project project, ProjectKey key) {
    String origin = project.manifest() + (key.line() > 0 ? ":" + key.line() : "");
    Optional<ExpandedValue> value =
        key.reference()
            .map(
                reference ->
                    new ExpandedValue(
                        key.name(),
                        List.of(new Piece(reference.toString(), true)),
                        project.manifest().toString(),
                        key.line(),
                        false));
    return new Key(key.name(), value, origin, key.required(), key.description(), key.maxAgeDays());
  }

  /** Returns an env file's key, with the description and age limit of the key it replaces. */
  private static Key fromEnvFile(ExpandedValue value, Key replaced) {
    String origin = value.source() + ":" + value.line();
    if (replaced == null) {
      return new Key(value.key(), Optional.of(value), origin, true, "", OptionalInt.empty());
    }
    return new Key(
        value.key(),
        Optional.of(value),
        origin,
        replaced.required(),
        replaced.description(),
        replaced.maxAgeDays());
  }
}
