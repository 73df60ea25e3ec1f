package dev.keyrun.doctor;

/** The outcome of one finding, from the least to the most severe. */
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
