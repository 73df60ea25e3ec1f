package dev.keyrun.backend;

import dev.keyrun.reference.Reference;

/** What resolving one reference gave: a value, or the reason there is none. */
public sealed interface Outcome {
  Reference reference();

  /** The store returned a value. */
  record Found(Reference reference, Secret secret) implements Outcome {}

  /** The store answered, and has no such entry. */
  record Missing(Reference reference, String store, String hint) implements Outcome {}

  /** The store could not answer, or the reference is malformed, or no store serves it. */
  record Failed(Reference reference, String store, String problem, String hint)
      implements Outcome {}
}
