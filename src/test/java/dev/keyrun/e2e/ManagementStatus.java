package dev.keyrun.e2e;

/** The exit status the tests expect when a management command such as rotate fails. */
final class ManagementStatus {
  /** keyrun's own failure in a command that starts no child. */
  static final int FAILED = 125;

  private ManagementStatus() {}
}
