package dev.keyrun.check;

import java.util.List;

/**
 * The result of checking one key: whether every reference in its value resolves, and if not, why.
 * It holds references and store messages, never a value.
 *
 * @param key the key's name
 * @param origin where the key is declared, such as {@code keyrun.toml:12} or {@code .env:3}
 * @param references the references in the key's value, in order; empty for a plain value
 * @param required whether a failure of this key fails the check
 * @param state the outcome
 * @param problem why the key failed, naming the reference and the store; null when it resolved
 * @param hint what to do about the failure, or null
 */
public record KeyCheck(
    String key,
    String origin,
    List<String> references,
    boolean required,
    State state,
    String problem,
    String hint) {

  /** The outcome of one key's check. */
  public enum State {
    /** Every reference resolved, or the value holds none. */
    OK("ok"),
    /** A reference did not resolve, and a run would fail. */
    FAILED("fail"),
    /** An optional key's store has no entry; a run leaves the key out, and the check passes. */
    UNAVAILABLE("absent");

    private final String label;

    State(String label) {
      this.label = label;
    }

    /** Returns the short lower-case word shown in reports. */
    public String label() {
      return label;
    }
  }

  public KeyCheck {
    references = List.copyOf(references);
  }

  /** Returns whether this key makes the check fail. */
  public boolean fails() {
    return state == State.FAILED;
  }
}
