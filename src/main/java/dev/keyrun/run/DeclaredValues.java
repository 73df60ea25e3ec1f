package dev.keyrun.run;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.project.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the keys a run would give its command, with the same env files, selection and
 * composition, for commands that print them instead of starting a command ({@code keyrun export}).
 * Every value must fit in an environment variable, as it would for a run.
 */
public final class DeclaredValues {
  private DeclaredValues() {}

  /**
   * Returns each selected key with its resolved value, the keys of {@code project}'s manifest
   * first, in declaration order. All or nothing: when any reference fails, a {@link
   * dev.keyrun.KeyrunException} reports every failing key.
   *
   * @param settings the machine settings the stores read
   * @param project the project whose manifest declares keys, if any
   * @param envFiles the env files, in order
   * @param only the keys to resolve, or an empty set for all declared keys
   */
  public static Map<String, byte[]> resolve(
      BackendRegistry registry,
      Map<String, byte[]> environment,
      Path home,
      StoreSettings settings,
      Optional<Project> project,
      List<Path> envFiles,
      Set<String> only,
      Duration timeout) {
    RunRequest request =
        new RunRequest(
            envFiles,
            only,
            false,
            true,
            timeout,
            false,
            Delivery.environment(),
            MaskMode.OFF,
            List.of(),
            project);
    Map<String, ExpandedValue> declared =
        ProjectDeclarations.declared(
            project, EnvFiles.load(envFiles, environment, project.isPresent()));
    List<Declaration> selected = Selection.select(declared, environment, request);

    StoreContext context =
        new StoreContext(environment, home, Instant.now().plus(timeout), settings);
    Composer composer = new Composer(new Resolver(registry), context);
    Set<String> optional = ProjectDeclarations.optionalKeys(project, declared);
    return composer.compose(selected, timeout, key -> true, optional::contains);
  }
}
