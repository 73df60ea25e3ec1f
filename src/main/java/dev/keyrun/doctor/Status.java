package dev.keyrun.doctor;

/** The outcome of one finding, in the order of severity that the report uses. */
public enum Status {
  OK,
  SKIPPED,
  WARN,
  FAIL;

  /** Returns the lower-case word the text and JSON reports print. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
