package dev.keyrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

  @Test
  void loadFindsBuiltInStores() {
    BackendRegistry registry = BackendRegistry.load();

    assertInstanceOf(EnvStore.class, registry.forScheme(Scheme.ENV).orElseThrow());
    assertInstanceOf(FileStore.class, registry.forScheme(Scheme.FILE).orElseThrow());
    assertInstanceOf(DotenvStore.class, registry.forScheme(Scheme.DOTENV).orElseThrow());
  }

  @Test
  void loadListsBuiltInStores() {
    List<Backend> backends = BackendRegistry.load().backends();

    assertTrue(backends.stream().anyMatch(EnvStore.class::isInstance), backends.toString());
    assertTrue(backends.stream().anyMatch(FileStore.class::isInstance), backends.toString());
    assertTrue(backends.stream().anyMatch(DotenvStore.class::isInstance), backends.toString());
  }

  @Test
  void examplesShowEachStore() {
    String description = BackendRegistry.load().examples();

    assertTrue(description.contains(new EnvStore().info().example()), description);
    assertTrue(description.contains(new FileStore().info().example()), description);
    assertTrue(description.contains(new DotenvStore().info().example()), description);
  }

  @Test
  void firstBackendForSchemeWins() {
    Backend first = new NamedBackend("first");
    Backend second = new NamedBackend("second");

    BackendRegistry registry = BackendRegistry.of(first, second);

    assertSame(first, registry.forScheme(Scheme.OP).orElseThrow());
    assertEquals(List.of(first, second), registry.backends());
  }

  @Test
  void unservedSchemeIsEmpty() {
    BackendRegistry registry = BackendRegistry.of(new EnvStore());

    assertEquals(Optional.empty(), registry.forScheme(Scheme.KEYCHAIN));
  }

  /** A backend for {@code op://} that resolves nothing. */
  private record NamedBackend(String name) implements Backend {
    @Override
    public StoreInfo info() {
      return new StoreInfo(name, List.of(Scheme.OP), "a test store", "op://v/i/f", "none");
    }

    @Override
    public Map<Reference, Optional<Secret>> resolve(
        List<Reference> references, StoreContext context) {
      return Map.of();
    }
  }
}
