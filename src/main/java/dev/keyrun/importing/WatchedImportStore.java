package dev.keyrun.importing;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreWatchdog;
import dev.keyrun.reference.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An import store whose calls run under the {@link StoreWatchdog}, as {@code keyrun set}'s do, so
 * that a store waiting for an unlock prompt fails after the timeout instead of hanging the import.
 */
final class WatchedImportStore implements ImportStore {
  private final ImportStore store;
  private final Duration timeout;

  WatchedImportStore(ImportStore store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public Optional<Path> file() {
    return store.file();
  }

  @Override
  public Reference referenceFor(String name) {
    return store.referenceFor(name);
  }

  @Override
  public void prepare(Reference reference) throws StoreException {
    StoreWatchdog.call(
        timeout,
        () -> {
          store.prepare(reference);
          return true;
        });
  }

  @Override
  public Map<Reference, Optional<Secret>> existing(List<Reference> references)
      throws StoreException {
    return StoreWatchdog.call(timeout, () -> store.existing(references));
  }

  @Override
  public void store(Reference reference, Secret value) throws StoreException {
    StoreWatchdog.call(
        timeout,
        () -> {
          store.store(reference, value);
          return true;
        });
  }
}
