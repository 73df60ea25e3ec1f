package dev.keyrun.backend;

import dev.keyrun.reference.Reference;

/** A reference whose scheme-specific part does not follow the store's syntax. */
public final class InvalidReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reference;
  private final String problem;
  private final String expected;

  public InvalidReferenceException(Reference reference, String problem, String expected) {
    super(reference + ": " + problem);
    this.reference = reference.toString();
    this.problem = problem;
    this.expected = expected;
  }

  /** Returns the reference as written. */
  public String reference() {
    return reference;
  }

  public String problem() {
    return problem;
  }

  /** Returns the syntax the store expects, for the hint line. */
  public String expected() {
    return expected;
  }
}
