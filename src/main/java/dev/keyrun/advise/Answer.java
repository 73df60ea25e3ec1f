package dev.keyrun.advise;

/**
 * The answer to one question of {@code keyrun advise}, with where it came from.
 *
 * @param yes whether the answer is yes
 * @param source {@code flag}, {@code prompt} or {@code assumed}
 * @param reason why keyrun assumed the answer; empty for a flag or a prompt
 */
public record Answer(boolean yes, String source, String reason) {
  public static Answer flag(boolean yes) {
    return new Answer(yes, "flag", "");
  }

  public static Answer prompt(boolean yes) {
    return new Answer(yes, "prompt", "");
  }

  public static Answer assumed(boolean yes, String reason) {
    return new Answer(yes, "assumed", reason);
  }

  public boolean isAssumed() {
    return source.equals("assumed");
  }
}
