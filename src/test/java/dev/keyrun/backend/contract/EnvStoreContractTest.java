package dev.keyrun.backend.contract;

import dev.keyrun.backend.Backend;
import dev.keyrun.backend.EnvStore;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreContract;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** {@code env://NAME}: variables of the context's environment map. */
class EnvStoreContractTest extends StoreContract {
  private final EnvStore store = new EnvStore();
  private final Map<String, byte[]> environment = new HashMap<>();

  @TempDir Path home;

  @Override
  protected Backend backend() {
    return store;
  }

  @Override
  protected StoreContext context() {
    return new StoreContext(new HashMap<>(environment), home, deadline());
  }

  @Override
  protected Reference seedEntry(String name, byte[] value) {
    String variable = variable(name);
    environment.put(variable, value);
    return new Reference(Scheme.ENV, variable);
  }

  @Override
  protected Reference absent() {
    return new Reference(Scheme.ENV, variable("absent"));
  }

  @Override
  protected String missingText(Reference absent) {
    return "keyrun's environment has no variable " + absent.body();
  }

  @Override
  protected Failure failure(Reference seeded, byte[] value) {
    return new Failure.Impossible(
        "the environment store only reads the StoreContext's environment map, which is in memory,"
            + " so it has no failure to test");
  }

  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  private static String variable(String name) {
    return "CONTRACT_" + name.toUpperCase(Locale.ROOT);
  }
}
