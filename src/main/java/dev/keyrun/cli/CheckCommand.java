package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Resolver;
import dev.keyrun.check.CheckReport;
import dev.keyrun.check.KeyCheck;
import dev.keyrun.check.KeyChecker;
import dev.keyrun.project.Project;
import dev.keyrun.run.DeclaredKeys;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun check}: resolves every key of the project as a run would, without starting anything
 * or printing a value, and exits 1 when a required key does not resolve. Made for CI and pre-commit
 * hooks.
 */
final class CheckCommand {
  /** The exit status when a required key does not resolve. */
  static final int KEYS_FAILED = 1;

  private final Services services = new Services();
  private final PrintStream stdout;
  private final PrintStream stderr;

  CheckCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static CommandSpec spec() {
    CommandSpec check = CommandSpecs.command("check");
    check
        .usageMessage()
        .description(
            "Check that every required key of the project resolves: the keys of keyrun.toml with"
                + " the active profile, and of the env files. Prints one line per key and never a"
                + " value. Exit status: 0 when every required key resolves, 1 when one does not,"
                + " 2 when keyrun cannot check (no project, a malformed file).");
    ProjectFiles.addTo(check);
    check.addOption(CommandSpecs.format("text (default: one line per key) or json (one object)."));
    check.addOption(
        CommandSpecs.timeout(
            "Give the stores at most SECONDS to resolve every reference (default: timeout in"
                + " config.toml, else 30)."));
    return check;
  }

  int check(ParseResult parsed) {
    boolean json = ProjectFiles.jsonFormat(parsed);
    Optional<Project> project =
        ProjectOptions.find(parsed, services.environment(), services.config());
    List<DeclaredKeys.Key> keys = ProjectFiles.keys(parsed, project, services.environment());

    Duration timeout = services.timeout(parsed);
    List<KeyCheck> checks = check(keys, project, timeout);
    CheckReport report = new CheckReport(checks);
    stdout.print(json ? report.json() : report.text());
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed("stdout", "writing the report failed", null);
    }

    stderr.println("keyrun: check: " + summary(report, checks.size(), project));
    return report.failed() ? KEYS_FAILED : 0;
  }

  private List<KeyCheck> check(
      List<DeclaredKeys.Key> keys, Optional<Project> project, Duration timeout) {
    List<KeyChecker.Candidate> candidates = new ArrayList<>();
    for (DeclaredKeys.Key key : keys) {
      key.value()
          .ifPresent(
              value ->
                  candidates.add(
                      new KeyChecker.Candidate(key.name(), value, key.origin(), key.required())));
    }
    KeyChecker checker = new KeyChecker(new Resolver(services.registry()));
    Map<String, KeyCheck> resolved = new HashMap<>();
    for (KeyCheck check : checker.check(candidates, services.storeContext(timeout), timeout)) {
      resolved.put(check.key(), check);
    }

    List<KeyCheck> checks = new ArrayList<>();
    for (DeclaredKeys.Key key : keys) {
      checks.add(key.value().isPresent() ? resolved.get(key.name()) : unreferenced(key, project));
    }
    return checks;
  }

  /** Returns the result for a manifest key that the active profile gives no reference. */
  private static KeyCheck unreferenced(DeclaredKeys.Key key, Optional<Project> project) {
    String problem =
        "no reference"
            + project.flatMap(Project::profile).map(name -> " in profile " + name).orElse("")
            + project.map(p -> p.profile().isEmpty() ? " without a profile" : "").orElse("");
    return new KeyCheck(
        key.name(),
        key.origin(),
        List.of(),
        key.required(),
        key.required() ? KeyCheck.State.FAILED : KeyCheck.State.UNAVAILABLE,
        problem,
        "add ref = \"...\" to [keys." + key.name() + "], or an entry to the profile");
  }

  private static String summary(CheckReport report, int total, Optional<Project> project) {
    String scope = project.map(p -> " (" + p.manifest() + ", " + profile(p) + ")").orElse("");
    if (total == 0) {
      return "the project declares no keys" + scope;
    }
    if (report.failed()) {
      return report.failures() + " of " + total + " keys failed" + scope;
    }
    long absent = report.absent();
    long resolved = total - absent;
    String resolving = resolved == 1 ? "1 key resolves" : resolved + " keys resolve";
    if (absent == 0) {
      return (total == 1 ? "the key resolves" : "all " + resolving) + scope;
    }
    return resolving
        + ", "
        + absent
        + (absent == 1 ? " optional key is" : " optional keys are")
        + " absent and left out of runs"
        + scope;
  }

  private static String profile(Project project) {
    return project.profile().map(name -> "profile " + name).orElse("no profile");
  }
}
