package dev.keyrun.backend;

import dev.keyrun.reference.Reference;

/** The result of resolving one reference: a value, or the reason there is none. */
public sealed interface Outcome {
  Reference reference();

  /** The store returned a value. */
  record Found(Reference reference, Secret secret) implements Outcome {}

  /**
   * The store responded, and has no such entry.
   *
   * @param problem what is missing, phrased to follow the reference, such as {@code not found in
   *     the dotenv store /home/me/.config/keyrun/secrets.env}
   */
  record Missing(Reference reference, String store, String problem, String hint)
      implements Outcome {}

  /** The store failed, the reference is malformed, or no store serves its scheme. */
  record Failed(Reference reference, String store, String problem, String hint)
      implements Outcome {}
}
