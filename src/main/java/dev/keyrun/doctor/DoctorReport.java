package dev.keyrun.doctor;

import dev.keyrun.text.JsonText;
import java.util.List;

/**
 * The findings of one {@code keyrun doctor} run, printed as text (one line per finding) or as one
 * JSON object.
 */
public record DoctorReport(String directory, List<Finding> findings) {

  public DoctorReport {
    findings = List.copyOf(findings);
  }

  /** Tells whether any finding failed, which makes {@code keyrun doctor} exit 1. */
  public boolean failed() {
    return count(Status.FAIL) > 0;
  }

  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  /** Returns the one-line count of the findings, e.g. {@code 1 failed, 1 warning, 2 skipped}. */
  public String summary() {
    long warnings = count(Status.WARN);
    return count(Status.FAIL)
        + " failed, "
        + warnings
        + (warnings == 1 ? " warning, " : " warnings, ")
        + count(Status.SKIPPED)
        + " skipped";
  }

  /** Returns one line per finding: status, check, finding and fix, separated by two spaces. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Finding finding : findings) {
      text.append(
          String.format("%-4s  %s  %s", finding.status().word(), finding.check(), place(finding)));
      if (!finding.fix().isEmpty()) {
        text.append("  fix: ").append(finding.fix());
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** Returns {@code {"directory": ..., "failed": ..., "findings": [...]}} and a newline. */
  public String json() {
    StringBuilder json = new StringBuilder("{\"directory\": ");
    JsonText.string(json, directory);
    json.append(", \"failed\": ").append(failed()).append(", \"findings\": [");
    for (int i = 0; i < findings.size(); i++) {
      json.append(i == 0 ? "" : ", ");
      append(json, findings.get(i));
    }
    return json.append("]}\n").toString();
  }

  private static void append(StringBuilder json, Finding finding) {
    json.append("{\"check\": ");
    JsonText.string(json, finding.check());
    json.append(", \"status\": ");
    JsonText.string(json, finding.status().word());
    json.append(", \"finding\": ");
    JsonText.string(json, finding.finding());
    json.append(", \"fix\": ");
    JsonText.string(json, finding.fix());
    json.append(", \"file\": ");
    if (finding.file() == null) {
      json.append("null");
    } else {
      JsonText.string(json, finding.file());
    }
    json.append(", \"line\": ").append(finding.line()).append('}');
  }

  /** Returns the finding, prefixed with {@code file:line:} when it names a line. */
  private static String place(Finding finding) {
    if (finding.file() != null && finding.line() > 0) {
      return finding.file() + ":" + finding.line() + ": " + finding.finding();
    }
    return finding.finding();
  }
}
