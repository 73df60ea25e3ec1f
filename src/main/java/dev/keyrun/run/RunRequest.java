package dev.keyrun.run;

import dev.keyrun.project.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated, immutable request of {@code keyrun run}.
 *
 * @param envFiles files in the order given; later files override earlier ones
 * @param only the keys the child receives, or an empty set for all declared keys
 * @param cleanEnv start the child from the allow-list instead of keyrun's environment
 * @param override declared keys replace inherited ones (false: inherited ones win)
 * @param timeout the time stores get to resolve every reference
 * @param supervise keep keyrun running as the child's parent instead of exec'ing it
 * @param delivery which keys reach the command as files rather than environment variables
 * @param mask whether secret values are masked in the command's output
 * @param command the command and its arguments
 * @param project the project whose manifest declares keys before the env files, if any
 */
public record RunRequest(
    List<Path> envFiles,
    Set<String> only,
    boolean cleanEnv,
    boolean override,
    Duration timeout,
    boolean supervise,
    Delivery delivery,
    MaskMode mask,
    List<String> command,
    Optional<Project> project) {

  public RunRequest {
    envFiles = List.copyOf(envFiles);
    only = Collections.unmodifiableSet(new LinkedHashSet<>(only));
    command = List.copyOf(command);
    Objects.requireNonNull(project, "project");
  }

  /** Creates a request without a project manifest. */
  public RunRequest(
      List<Path> envFiles,
      Set<String> only,
      boolean cleanEnv,
      boolean override,
      Duration timeout,
      boolean supervise,
      Delivery delivery,
      MaskMode mask,
      List<String> command) {
    this(
        envFiles,
        only,
        cleanEnv,
        override,
        timeout,
        supervise,
        delivery,
        mask,
        command,
        Optional.empty());
  }
}
