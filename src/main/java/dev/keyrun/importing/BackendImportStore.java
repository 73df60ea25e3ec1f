package dev.keyrun.importing;

import dev.keyrun.backend.DotenvStore;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves values into a store that {@code keyrun set} writes to: the dotenv store file or an OS
 * keyring, through the store's own {@link WritableBackend}.
 */
final class BackendImportStore implements ImportStore {
  private static final WriteOptions OPTIONS = new WriteOptions(false);

  private final WritableBackend backend;
  private final Scheme scheme;
  private final String service;
  private final StoreContext context;

  /**
   * @param service the keyring service of every reference, or null for {@code dotenv:NAME}
   */
  BackendImportStore(WritableBackend backend, Scheme scheme, String service, StoreContext context) {
    this.backend = backend;
    this.scheme = scheme;
    this.service = service;
    this.context = context;
  }

  @Override
  public String name() {
    if (scheme == Scheme.DOTENV) {
      return "dotenv store " + DotenvStore.defaultFile(context);
    }
    return backend.nameIn(context);
  }

  @Override
  public Optional<Path> file() {
    return scheme == Scheme.DOTENV
        ? Optional.of(DotenvStore.defaultFile(context))
        : Optional.empty();
  }

  @Override
  public Reference referenceFor(String name) {
    String body = service == null ? name : service + "/" + name;
    return new Reference(scheme, body);
  }

  @Override
  public void prepare(Reference reference) throws StoreException {
    backend.prepare(reference, OPTIONS, context);
  }

  @Override
  public Map<Reference, Optional<Secret>> existing(List<Reference> references)
      throws StoreException {
    boolean noStoreFile =
        scheme == Scheme.DOTENV && !Files.exists(DotenvStore.defaultFile(context));
    if (noStoreFile || references.isEmpty()) {
      Map<Reference, Optional<Secret>> none = new LinkedHashMap<>();
      references.forEach(reference -> none.put(reference, Optional.empty()));
      return none;
    }
    return backend.resolve(references, context);
  }

  @Override
  public void store(Reference reference, Secret value) throws StoreException {
    backend.store(reference, value, OPTIONS, context);
  }
}
