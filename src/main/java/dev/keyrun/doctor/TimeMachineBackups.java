package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The backups finding on macOS: {@code tmutil isexcluded FILE} for each plaintext env file, which
 * prints {@code [Excluded]} or {@code [Included]} and the path. When {@code tmutil destinationinfo}
 * prints {@code No destinations configured.} (on stdout or stderr), Time Machine backs up nothing
 * and the check is skipped.
 */
final class TimeMachineBackups {
  /** The tmutil program; the environment variable overrides the one on PATH. */
  static final String VARIABLE = "KEYRUN_TMUTIL_BIN";

  private final HostProgram tmutil;

  TimeMachineBackups(Host host) {
    this.tmutil = new HostProgram(host, VARIABLE, "tmutil");
  }

  /** Returns the findings for the plaintext env files of {@code project}. */
  List<Finding> findings(ProjectScope project) {
    List<Finding> findings = new ArrayList<>();
    try {
      HostProgram.Result destinations = tmutil.run("destinationinfo");
      String answer = destinations.stdout() + destinations.firstErrorLine();
      if (answer.contains("No destinations configured")) {
        return List.of(
            Finding.skipped(BackupsCheck.NAME, "Time Machine has no backup disk set up"));
      }

      for (Path file : project.plaintextEnvFiles()) {
        Path absolute = project.directory().resolve(file);
        HostProgram.Result result = tmutil.run("isexcluded", absolute.toString());
        findings.add(finding(file.toString(), absolute, result));
      }
    } catch (IOException e) {
      return List.of(
          Finding.skipped(
              BackupsCheck.NAME, tmutil.program() + " could not run: " + e.getMessage()));
    }

    findings.removeIf(finding -> finding.status() == Status.OK);
    if (findings.isEmpty()) {
      findings.add(Finding.ok(BackupsCheck.NAME, "Time Machine excludes the plaintext env files"));
    }
    return findings;
  }

  private static Finding finding(String name, Path absolute, HostProgram.Result result) {
    String output = result.stdout().strip();
    if (result.status() == 0 && output.startsWith("[Excluded]")) {
      return Finding.ok(BackupsCheck.NAME, name + " is excluded");
    }
    if (result.status() == 0 && output.startsWith("[Included]")) {
      return Finding.about(
          BackupsCheck.NAME,
          Status.WARN,
          name,
          name + " is included in Time Machine backups",
          "tmutil addexclusion "
              + absolute
              + ", or better move its values into a store with"
              + " keyrun import");
    }
    return Finding.skipped(
        BackupsCheck.NAME,
        "tmutil isexcluded "
            + name
            + " exited with "
            + result.status()
            + ": "
            + (output.isEmpty() ? result.firstErrorLine() : output));
  }
}
