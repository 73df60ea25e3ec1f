package dev.keyrun.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project as its manifest {@code keyrun.toml} declares it, with one profile applied: the view
 * that {@code keyrun run} and the commands that list or check a project's keys share.
 *
 * @param manifest the manifest file
 * @param name the {@code [project] name}, else the name of the manifest's directory
 * @param profile the active profile, or empty when the {@code [keys]} references apply as written
 * @param profileOrigin what chose the profile, such as {@code --profile} or {@code KEYRUN_PROFILE},
 *     or why none applies: {@code none} when nothing chose one
 * @param profiles every profile the manifest defines, in file order
 * @param keys the declared keys in file order, including optional keys without a reference
 */
public record Project(
    Path manifest,
    String name,
    Optional<String> profile,
    String profileOrigin,
    List<String> profiles,
    List<ProjectKey> keys) {

  public Project {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(profileOrigin, "profileOrigin");
    profiles = List.copyOf(profiles);
    keys = List.copyOf(keys);
  }
}
