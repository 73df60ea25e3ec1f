package dev.keyrun.doctor;

import java.util.List;

/**
 * One check of {@code keyrun doctor}. A check returns at least one finding: an ok finding when
 * nothing is wrong, a skipped finding with the reason when it cannot run here, else one finding per
 * problem. A check reports a failure to read a file as a finding rather than throwing.
 */
public interface Check {
  /** Returns the name printed in the report, in lower-case words joined by hyphens. */
  String name();

  /** Runs the check over the project and host of {@code scope}. */
  List<Finding> run(Scope scope);
}
