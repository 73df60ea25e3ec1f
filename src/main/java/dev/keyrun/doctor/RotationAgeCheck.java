package dev.keyrun.doctor;

import dev.keyrun.KeyrunException;
import dev.keyrun.check.KeyAge;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.files.Failures;
import dev.keyrun.inventory.Days;
import dev.keyrun.inventory.Inventory;
import dev.keyrun.inventory.InventoryFile;
import dev.keyrun.run.DeclaredKeys;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns about each key of the project whose value is older than its maximum age, as {@code keyrun
 * ls} computes it from the inventory: days since {@code keyrun rotate}, or at least the days since
 * a run first used it. A key the inventory has no record of is counted, not judged.
 */
final class RotationAgeCheck implements Check {
  static final String NAME = "rotation-age";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    ProjectKeys project;
    try {
      project = ProjectKeys.load(scope);
    } catch (KeyrunException e) {
      // A run would fail on this manifest or config file too, so it is worth a warning. A .env
      // that a run rejects is already a finding of env-permissions.
      if (ProjectKeys.aboutEnvFile(scope.project().directory(), e)) {
        return List.of(Finding.skipped(NAME, ProjectKeys.describe(e)));
      }
      Status status = untrusted(e) ? Status.FAIL : Status.WARN;
      return List.of(Finding.about(NAME, status, null, ProjectKeys.describe(e), e.hint()));
    }
    if (project.source().isEmpty()) {
      return List.of(ProjectKeys.noKeys(NAME, scope.project().directory()));
    }
    String source = project.source().get();
    List<DeclaredKeys.Key> keys = project.referencedKeys();
    if (keys.isEmpty()) {
      return List.of(
          Finding.skipped(
              NAME,
              "no key of "
                  + source
                  + " uses a reference, so there is no store entry to rotate; keyrun import"
                  + " moves plaintext values into a store"));
    }

    InventoryFile file = InventoryFile.of(project.environment(), project.home());
    Inventory inventory;
    try {
      inventory = file.read();
    } catch (IOException e) {
      return List.of(
          Finding.skipped(
              NAME, "cannot read the inventory " + file.path() + ": " + Failures.reason(e)));
    }
    return judge(scope, project, keys, inventory, file);
  }

  private static List<Finding> judge(
      Scope scope,
      ProjectKeys project,
      List<DeclaredKeys.Key> keys,
      Inventory inventory,
      InventoryFile file) {
    LocalDate today = LocalDate.parse(Days.today());
    int defaultMaxAge = project.config().rotationMaxAgeDays();
    List<Finding> findings = new ArrayList<>();
    int unknown = 0;
    for (DeclaredKeys.Key key : keys) {
      List<String> references = references(key);
      int maxAge = key.maxAgeDays().orElse(defaultMaxAge);
      KeyAge age = KeyAge.of(references, inventory, today, maxAge);
      if (age.since().isEmpty()) {
        unknown++;
      } else if (age.stale(today)) {
        findings.add(
            stale(scope, key, age, today, staleReferences(references, inventory, today, maxAge)));
      }
    }

    if (unknown == keys.size()) {
      return List.of(
          Finding.skipped(
              NAME,
              "the inventory ("
                  + scope.host().display(file.path())
                  + ") has no record of the keys of "
                  + project.source().orElseThrow()
                  + ": a run records the day it first uses a key, keyrun rotate the day it"
                  + " replaces one"));
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, withinAge(keys.size() - unknown, unknown)));
    }
    return findings;
  }

  private static Finding stale(
      Scope scope,
      DeclaredKeys.Key key,
      KeyAge age,
      LocalDate today,
      List<String> staleReferences) {
    String since = age.rotated() ? " since its last rotation" : " since a run first used it";
    String text =
        key.name()
            + " is "
            + age.describe(today)
            + " old"
            + since
            + ", over its maximum of "
            + age.maxAgeDays()
            + " days";
    List<String> commands = staleReferences.stream().map(r -> "keyrun rotate " + r).toList();
    return ProjectKeys.at(
        scope.project().directory(),
        key.origin(),
        NAME,
        Status.WARN,
        text,
        String.join(", then ", commands));
  }

  /** Returns those of {@code references} that are older than {@code maxAge} on their own. */
  private static List<String> staleReferences(
      List<String> references, Inventory inventory, LocalDate today, int maxAge) {
    return references.stream()
        .filter(reference -> KeyAge.of(List.of(reference), inventory, today, maxAge).stale(today))
        .toList();
  }

  private static List<String> references(DeclaredKeys.Key key) {
    List<String> references = new ArrayList<>();
    for (Piece piece : key.value().orElseThrow().pieces()) {
      if (piece.reference()) {
        references.add(piece.text());
      }
    }
    return references;
  }

  private static String withinAge(int known, int unknown) {
    String text =
        known == 1
            ? "the key with a record is within its maximum age"
            : "the " + known + " keys with a record are within their maximum age";
    if (unknown == 0) {
      return text;
    }
    return text
        + "; "
        + (unknown == 1 ? "1 key has" : unknown + " keys have")
        + " no record yet, which the next run that uses "
        + (unknown == 1 ? "it" : "them")
        + " writes";
  }

  /**
   * Tells whether keyrun rejected a file because another user can write it or owns it. That user
   * chooses what a command receives, so it is a failure and not a warning.
   */
  private static boolean untrusted(KeyrunException failure) {
    String problem = failure.problem();
    return problem.startsWith("is writable by others") || problem.startsWith("is owned by uid");
  }
}
