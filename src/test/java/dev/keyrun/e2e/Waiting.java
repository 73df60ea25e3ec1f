package dev.keyrun.e2e;

/** Waits for a condition that another process brings about, checking it every 20 ms. */
final class Waiting {
  /** A condition checked while waiting. */
  interface Condition {
    boolean holds() throws Exception;
  }

  private Waiting() {}

  /**
   * Returns once {@code condition} holds. The 60 s limit only stops a test that would hang, and no
   * result depends on how long the wait took.
   */
  static void until(Condition condition, String failure) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure + " within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
