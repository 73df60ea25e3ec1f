package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.project.Project;
import dev.keyrun.run.DeclaredKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options that name a project's files for the commands that list or check its keys ({@code
 * --env-file}, {@code --manifest}, {@code --profile}), and the keys they declare.
 */
final class ProjectFiles {
  private ProjectFiles() {}

  static void addTo(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-e", CommandSpecs.ENV_FILE)
            .paramLabel("FILE")
            .type(List.class)
            .auxiliaryTypes(Path.class)
            .description(
                "Read KEY=VALUE lines from FILE (repeatable; later files override earlier ones"
                    + " and the manifest; default: ./.env if it exists and no keyrun.toml is"
                    + " found).")
            .build());
    ProjectOptions.addTo(spec);
  }

  /** Returns whether {@code --format} is json; a format other than text or json fails. */
  static boolean jsonFormat(ParseResult parsed) {
    String format =
        parsed.matchedOptionValue(CommandSpecs.FORMAT, "text").toLowerCase(java.util.Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw KeyrunException.failed(
          CommandSpecs.FORMAT, "\"" + format + "\" is not a format", "use text or json");
    }
    return format.equals("json");
  }

  /**
   * Returns the keys the project declares: the manifest's, then the env files'. Fails when there is
   * neither a manifest nor an env file, since there is then nothing to list or check.
   */
  static List<DeclaredKeys.Key> keys(
      ParseResult parsed, Optional<Project> project, Map<String, byte[]> environment) {
    List<Path> envFiles = RunOptions.envFiles(parsed, project.isPresent());
    if (project.isEmpty() && envFiles.isEmpty()) {
      throw KeyrunException.failed(
          Path.of("").toAbsolutePath().toString(),
          "no keyrun.toml here or in a parent directory, and no .env",
          "run keyrun "
              + parsed.commandSpec().name()
              + " in the project's directory, or name files with --manifest or --env-file");
    }
    return DeclaredKeys.of(project, envFiles, environment);
  }
}
