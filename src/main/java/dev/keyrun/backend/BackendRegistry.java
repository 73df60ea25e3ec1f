package dev.keyrun.backend;

import dev.keyrun.reference.Scheme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The stores of this build, found through {@link ServiceLoader}, indexed by the schemes they serve.
 * This one table feeds resolution, help text and error hints.
 */
public final class BackendRegistry {
  private final Map<Scheme, Backend> byScheme = new EnumMap<>(Scheme.class);
  private final List<Backend> backends = new ArrayList<>();

  private BackendRegistry() {}

  /** Loads every backend listed on the class path. */
  public static BackendRegistry load() {
    BackendRegistry registry = new BackendRegistry();
    for (Backend backend :
        ServiceLoader.load(Backend.class, BackendRegistry.class.getClassLoader())) {
      registry.add(backend);
    }
    return registry;
  }

  /** Builds a registry of exactly {@code backends}, for tests and embedders. */
  public static BackendRegistry of(Backend... backends) {
    BackendRegistry registry = new BackendRegistry();
    for (Backend backend : backends) {
      registry.add(backend);
    }
    return registry;
  }

  private void add(Backend backend) {
    backends.add(backend);
    for (Scheme scheme : backend.info().schemes()) {
      byScheme.putIfAbsent(scheme, backend);
    }
  }

  public Optional<Backend> forScheme(Scheme scheme) {
    return Optional.ofNullable(byScheme.get(scheme));
  }

  /** Returns the stores of this build in registration order. */
  public List<Backend> backends() {
    return List.copyOf(backends);
  }

  /** Returns an example reference of each store, such as {@code dotenv:OPENAI_API_KEY}. */
  public String examples() {
    List<String> examples = new ArrayList<>();
    for (Backend backend : backends) {
      examples.add(backend.info().example());
    }
    return String.join(", ", examples);
  }
}
