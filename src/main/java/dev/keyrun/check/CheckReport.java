package dev.keyrun.check;

import dev.keyrun.text.JsonText;
import java.util.List;

/**
 * Renders the results of {@code keyrun check} as aligned text lines or as one JSON document. Both
 * name keys, references and store messages only: a check never prints a value.
 */
public final class CheckReport {
  private final List<KeyCheck> checks;

  public CheckReport(List<KeyCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Returns whether any required key failed. */
  public boolean failed() {
    return checks.stream().anyMatch(KeyCheck::fails);
  }

  /** Returns how many keys failed. */
  public long failures() {
    return checks.stream().filter(KeyCheck::fails).count();
  }

  /** Returns how many optional keys are absent. */
  public long absent() {
    return checks.stream().filter(check -> check.state() == KeyCheck.State.UNAVAILABLE).count();
  }

  /**
   * Returns one line per key: its state, its name, and its references or why it failed. A failing
   * key takes exactly one line, so that CI logs and {@code grep} show one line per problem.
   */
  public String text() {
    int width = 0;
    for (KeyCheck check : checks) {
      width = Math.max(width, check.key().length());
    }

    StringBuilder text = new StringBuilder();
    for (KeyCheck check : checks) {
      text.append(String.format("%-6s  %-" + width + "s  ", check.state().label(), check.key()));
      text.append(detail(check)).append('\n');
    }
    return text.toString();
  }

  private static String detail(KeyCheck check) {
    String optional = check.required() ? "" : "(optional) ";
    if (check.problem() != null) {
      return optional + check.problem();
    }
    if (check.references().isEmpty()) {
      return optional + "plain value (" + check.origin() + ")";
    }
    return optional + String.join(" + ", check.references()) + " (" + check.origin() + ")";
  }

  /** Returns the results as one JSON object followed by a newline. */
  public String json() {
    StringBuilder json = new StringBuilder("{\"ok\":").append(!failed()).append(",\"keys\":[");
    for (int i = 0; i < checks.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      key(json, checks.get(i));
    }
    return json.append("]}\n").toString();
  }

  private static void key(StringBuilder json, KeyCheck check) {
    json.append("{\"key\":");
    JsonText.string(json, check.key());
    json.append(",\"status\":");
    JsonText.string(json, check.state().label());
    json.append(",\"required\":").append(check.required());
    json.append(",\"origin\":");
    JsonText.string(json, check.origin());
    json.append(",\"references\":[");
    for (int i = 0; i < check.references().size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      JsonText.string(json, check.references().get(i));
    }
    json.append(']');
    optional(json, "problem", check.problem());
    optional(json, "hint", check.hint());
    json.append('}');
  }

  private static void optional(StringBuilder json, String name, String value) {
    if (value != null) {
      json.append(",\"").append(name).append("\":");
      JsonText.string(json, value);
    }
  }
}
