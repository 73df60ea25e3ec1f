package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the project of a working directory: finds the manifest, parses it, applies a profile. */
public final class Projects {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private Projects() {}

  /**
   * Returns the project, or empty when no manifest is named or found.
   *
   * @param manifest the {@code --manifest} option
   * @param profile the {@code --profile} option
   * @param environment keyrun's environment, for {@code KEYRUN_PROFILE}
   * @param machineDefault the default profile of the user's config
   * @param workingDirectory where the search for {@code keyrun.toml} starts
   */
  public static Optional<Project> load(
      Optional<Path> manifest,
      Optional<String> profile,
      Map<String, byte[]> environment,
      Optional<String> machineDefault,
      Path workingDirectory) {
    Optional<Project> project =
        find(manifest, profile, environment, machineDefault, workingDirectory);
    project.ifPresent(Projects::requireReferences);
    return project;
  }

  /**
   * Returns the project as {@link #load} does, but keeps a required key that has no reference in
   * the active profile, for commands that report such keys one by one ({@code keyrun check}).
   */
  public static Optional<Project> find(
      Optional<Path> manifest,
      Optional<String> profile,
      Map<String, byte[]> environment,
      Optional<String> machineDefault,
      Path workingDirectory) {
    Optional<Path> file = ManifestDiscovery.find(manifest, workingDirectory);
    if (file.isEmpty()) {
      if (profile.isPresent()) {
        throw KeyrunException.failed(
            "--profile " + profile.get(),
            "no "
                + ManifestDiscovery.FILE_NAME
                + " in "
                + workingDirectory.toAbsolutePath()
                + " or its parents defines profiles",
            "run in the project's directory, or name the manifest with --manifest FILE");
      }
      return Optional.empty();
    }

    long started = System.nanoTime();
    Manifest parsed = ManifestParser.parse(file.get());
    Profiles.Choice choice = Profiles.choose(parsed, profile, environment, machineDefault);
    LOG.info(
        "manifest {}: project {}, {}; read in {} ms",
        parsed.file(),
        parsed.name(),
        choice.describe(),
        (System.nanoTime() - started) / 1_000_000);
    return Optional.of(apply(parsed, choice));
  }

  /** Returns the project with the chosen profile's entries applied to the {@code [keys]}. */
  static Project apply(Manifest manifest, Profiles.Choice choice) {
    Map<String, ProfileEntry> entries =
        choice.name().map(name -> manifest.profiles().get(name)).orElse(Map.of());

    List<ProjectKey> keys = new ArrayList<>();
    for (ProjectKey declared : manifest.keys()) {
      ProfileEntry entry = entries.get(declared.name());
      ProjectKey key = entry == null ? declared : withEntry(declared, entry);
      if (key.reference().isEmpty() && !key.required()) {
        LOG.info("{}: optional, no reference in this profile, skipped", key.name());
      }
      keys.add(key);
    }
    return new Project(
        manifest.file(),
        manifest.name(),
        choice.name(),
        choice.origin(),
        new ArrayList<>(manifest.profiles().keySet()),
        keys);
  }

  /** Fails with one line per required key that has no reference in the active profile. */
  public static void requireReferences(Project project) {
    List<KeyrunException> missing = new ArrayList<>();
    for (ProjectKey key : project.keys()) {
      if (key.reference().isEmpty() && key.required()) {
        missing.add(
            KeyrunException.failed(
                ManifestText.location(project.manifest(), key.line()),
                missingReference(project, key),
                "add ref = \"...\" to [keys." + key.name() + "], or an entry to a profile"));
      }
    }
    if (!missing.isEmpty()) {
      throw missing.get(missing.size() - 1).after(missing.subList(0, missing.size() - 1));
    }
  }

  /** Describes a required key without a reference, such as {@code API_KEY is required and ...}. */
  public static String missingReference(Project project, ProjectKey key) {
    return key.name()
        + " is required and has no reference"
        + project.profile().map(name -> " in profile " + name).orElse(" (no profile)");
  }

  private static ProjectKey withEntry(ProjectKey declared, ProfileEntry entry) {
    return new ProjectKey(
        declared.name(),
        declared.description(),
        entry.required().orElse(declared.required()),
        entry.reference().isPresent() ? entry.reference() : declared.reference(),
        entry.delivery().orElse(declared.delivery()),
        declared.maxAgeDays(),
        entry.reference().isPresent() ? entry.line() : declared.line());
  }
}
