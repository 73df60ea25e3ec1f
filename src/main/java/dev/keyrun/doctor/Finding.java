package dev.keyrun.doctor;

import java.util.Objects;

/**
 * One result of a check. It never contains a secret value: a check that finds a value reports it
 * redacted (see {@link KeyPatterns#redact}).
 *
 * @param check the name of the check, such as {@code env-permissions}
 * @param status the outcome
 * @param finding one line that describes what was found, or for {@link Status#SKIPPED} why the
 *     check did not run
 * @param fix one line that describes what to do, or empty when there is nothing to do
 * @param file the file the finding is about: relative to the project directory when it is inside
 *     it, else absolute or starting with {@code ~/} for the home directory (see {@link
 *     Host#display}); null when the finding is not about one file
 * @param line the 1-based line in {@code file}, or 0 when the finding is about the whole file
 */
public record Finding(
    String check, Status status, String finding, String fix, String file, int line) {

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(finding, "finding");
    fix = fix == null ? "" : fix;
  }

  static Finding ok(String check, String finding) {
    return new Finding(check, Status.OK, finding, "", null, 0);
  }

  static Finding skipped(String check, String reason) {
    return new Finding(check, Status.SKIPPED, reason, "", null, 0);
  }

  static Finding about(String check, Status status, String file, String finding, String fix) {
    return new Finding(check, status, finding, fix, file, 0);
  }
}
