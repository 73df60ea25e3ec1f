package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.config.UserConfig;
import dev.keyrun.project.Project;
import dev.keyrun.project.Projects;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The {@code --manifest} and {@code --profile} options, and the project they select. */
final class ProjectOptions {
  private ProjectOptions() {}

  static void addTo(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder(CommandSpecs.MANIFEST)
            .paramLabel("FILE")
            .type(Path.class)
            .description(
                "Read the project's keys from FILE, a keyrun.toml. By default keyrun looks for"
                    + " keyrun.toml in the current directory and its parents. With a manifest and"
                    + " no --env-file, ./.env is not read.")
            .build());
    spec.addOption(
        OptionSpec.builder(CommandSpecs.PROFILE)
            .paramLabel("NAME")
            .type(String.class)
            .description(
                "Apply the manifest's [profiles.NAME] (default: $KEYRUN_PROFILE, else profile in"
                    + " config.toml, else the manifest's default-profile, else none).")
            .build());
  }

  /**
   * Returns the project the options and the working directory select, or empty without a manifest.
   * The config file's {@code profile} is the machine default. A required key without a reference in
   * the active profile fails.
   */
  static Optional<Project> load(
      ParseResult parsed, Map<String, byte[]> environment, UserConfig config) {
    Optional<Project> project = find(parsed, environment, config);
    project.ifPresent(Projects::requireReferences);
    return project;
  }

  /**
   * Returns the project as {@link #load} does, keeping required keys without a reference, for
   * commands that report them key by key.
   */
  static Optional<Project> find(
      ParseResult parsed, Map<String, byte[]> environment, UserConfig config) {
    Path manifest = parsed.matchedOptionValue(CommandSpecs.MANIFEST, null);
    if (manifest != null && manifest.toString().isEmpty()) {
      throw KeyrunException.failed(
          CommandSpecs.MANIFEST, "empty file name", "name a manifest such as keyrun.toml");
    }
    String profile = parsed.matchedOptionValue(CommandSpecs.PROFILE, null);
    if (profile != null && profile.isEmpty()) {
      throw KeyrunException.failed(
          CommandSpecs.PROFILE, "empty profile name", "name a [profiles.NAME] of the manifest");
    }
    return Projects.find(
        Optional.ofNullable(manifest),
        Optional.ofNullable(profile),
        environment,
        config.fileProfile(),
        Path.of(""));
  }
}
