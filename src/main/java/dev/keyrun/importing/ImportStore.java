package dev.keyrun.importing;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.reference.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that {@code keyrun import} moves plain values into. */
interface ImportStore {

  /** Returns the store's name for messages, such as {@code dotenv store /home/me/secrets.env}. */
  String name();

  /** Returns the file the store writes its values to, if it is one file, such as a dotenv store. */
  default Optional<Path> file() {
    return Optional.empty();
  }

  /** Returns the reference under which the store keeps the value of {@code name}. */
  Reference referenceFor(String name);

  /** Checks, before anything changes, that the store could take a value under {@code reference}. */
  void prepare(Reference reference) throws StoreException;

  /** Returns the value the store holds under each reference, or empty where it holds none. */
  Map<Reference, Optional<Secret>> existing(List<Reference> references) throws StoreException;

  /** Stores {@code value} under {@code reference}. */
  void store(Reference reference, Secret value) throws StoreException;
}
