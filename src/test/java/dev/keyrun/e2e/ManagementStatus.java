package dev.keyrun.e2e;

/**
 * Exit statuses that keyrun's management commands return for their own failures. They are kept
 * here, in one place, so that a change of the status changes every test of those commands at once.
 */
final class ManagementStatus {
  /** keyrun itself failed: bad input, an unusable store, a file it cannot write. */
  static final int FAILED = 2;

  private ManagementStatus() {}
}
