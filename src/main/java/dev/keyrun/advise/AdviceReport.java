package dev.keyrun.advise;

import dev.keyrun.text.JsonText;
import java.util.List;

/** Writes the answers and the recommendation of {@code keyrun advise} as text or JSON. */
public final class AdviceReport {
  private final Answers answers;
  private final boolean onePassword;
  private final boolean keyring;
  private final Recommendation recommendation;

  public AdviceReport(
      Answers answers, boolean onePassword, boolean keyring, Recommendation recommendation) {
    this.answers = answers;
    this.onePassword = onePassword;
    this.keyring = keyring;
    this.recommendation = recommendation;
  }

  /** Returns the report for people: answers and assumptions, then the recommendation and steps. */
  public String text() {
    StringBuilder text = new StringBuilder();
    text.append(answer("shared machine", answers.sharedMachine(), "shared", "single user"));
    text.append(
        answer("keys on several machines", answers.manyMachines(), "several", "this one only"));
    text.append(answer("internet-facing", answers.internetFacing(), "yes", "no"));
    text.append("1Password CLI (op): ")
        .append(onePassword ? "on PATH" : "not on PATH")
        .append('\n');
    text.append("keyring: ").append(keyring ? "available" : "not found").append("\n\n");

    text.append("recommendation: ").append(recommendation.setup()).append('\n');
    text.append("  store:    ").append(recommendation.store()).append('\n');
    text.append("  delivery: ").append(recommendation.delivery()).append('\n');
    text.append("  masking:  ").append(recommendation.masking()).append("\n\n");
    text.append("why:\n");
    for (String reason : recommendation.why()) {
      text.append("  - ").append(reason).append('\n');
    }
    text.append("\nsteps:\n");
    List<String> steps = recommendation.steps();
    for (int i = 0; i < steps.size(); i++) {
      text.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    return text.toString();
  }

  private static String answer(String question, Answer answer, String yes, String no) {
    String value = answer.yes() ? yes : no;
    if (answer.isAssumed()) {
      return question + ": " + value + " (assumed " + value + " because " + answer.reason() + ")\n";
    }
    return question + ": " + value + " (" + answer.source() + ")\n";
  }

  /** Returns the report as one JSON object on one line, for tools. */
  public String json() {
    StringBuilder json = new StringBuilder("{\"answers\":{");
    member(json, "shared_machine", answers.sharedMachine());
    json.append(',');
    member(json, "many_machines", answers.manyMachines());
    json.append(',');
    member(json, "internet_facing", answers.internetFacing());
    json.append("},\"op_on_path\":").append(onePassword);
    json.append(",\"keyring\":").append(keyring);
    json.append(",\"recommendation\":{");
    field(json, "setup", recommendation.setup()).append(',');
    field(json, "store", recommendation.store()).append(',');
    field(json, "delivery", recommendation.delivery()).append(',');
    field(json, "masking", recommendation.masking()).append(',');
    array(json, "why", recommendation.why()).append(',');
    array(json, "steps", recommendation.steps());
    return json.append("}}\n").toString();
  }

  private static void member(StringBuilder json, String name, Answer answer) {
    JsonText.string(json, name);
    json.append(":{\"value\":").append(answer.yes()).append(',');
    field(json, "source", answer.source()).append(',');
    field(json, "reason", answer.reason()).append('}');
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    JsonText.string(json, name);
    json.append(':');
    JsonText.string(json, value);
    return json;
  }

  private static StringBuilder array(StringBuilder json, String name, List<String> values) {
    JsonText.string(json, name);
    json.append(":[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      JsonText.string(json, values.get(i));
    }
    return json.append(']');
  }
}
