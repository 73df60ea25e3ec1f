package dev.keyrun.doctor;

import dev.keyrun.inventory.Use;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import dev.keyrun.run.DeclaredKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the places found for each reference of a project into the findings of {@code key-copies}: a
 * warning per reference whose value is in more than its store entry, a skipped finding per
 * reference that did not resolve, and one ok finding when every resolved value has one place.
 */
final class CopyReport {
  private final Scope scope;
  private final StoreValues values;
  private final Map<Reference, DeclaredKeys.Key> users;
  private final Map<Reference, Use> others;
  private final Set<Path> storeFiles;
  private final List<CopyScan.Copy> copies;
  private final List<CopyScan.Copy> backups;

  CopyReport(
      Scope scope,
      StoreValues values,
      Map<Reference, DeclaredKeys.Key> users,
      Map<Reference, Use> others,
      Set<Path> storeFiles,
      List<CopyScan.Copy> copies,
      List<CopyScan.Copy> backups) {
    this.scope = scope;
    this.values = values;
    this.users = users;
    this.others = others;
    this.storeFiles = storeFiles;
    this.copies = copies;
    this.backups = backups;
  }

  /**
   * Returns the findings. {@code backupDirectory} is the directory of the import backups, as shown.
   */
  List<Finding> findings(String backupDirectory) {
    List<Finding> findings = new ArrayList<>();
    int single = 0;
    int backedUp = 0;
    for (Map.Entry<Reference, DeclaredKeys.Key> use : users.entrySet()) {
      Reference reference = use.getKey();
      DeclaredKeys.Key key = use.getValue();
      Optional<String> digest = values.digest(reference);
      if (digest.isEmpty()) {
        String problem = values.problem(reference).orElse("it did not resolve");
        findings.add(at(key, Status.SKIPPED, key.name() + ": " + reference + ": " + problem, ""));
        continue;
      }

      long inBackups = backups.stream().filter(c -> c.digest().equals(digest.get())).count();
      backedUp += inBackups > 0 ? 1 : 0;
      List<String> places = copiesOf(reference, digest.get());
      if (places.isEmpty()) {
        single++;
      } else {
        findings.add(copied(reference, key, places, inBackups, backupDirectory));
      }
    }

    boolean warned = findings.stream().anyMatch(f -> f.status() == Status.WARN);
    if (!warned && single > 0) {
      findings.add(Finding.ok(KeyCopiesCheck.NAME, onePlace(single, backedUp, backupDirectory)));
    }
    return findings;
  }

  private Finding copied(
      Reference reference,
      DeclaredKeys.Key key,
      List<String> places,
      long inBackups,
      String backupDirectory) {
    List<String> all = new ArrayList<>(List.of("its store entry"));
    all.addAll(places);
    String text =
        key.name()
            + ": the value of "
            + reference
            + " is in "
            + all.size()
            + " places: "
            + KeyCopiesCheck.list(all);
    if (inBackups > 0) {
      text +=
          "; "
              + backupNote(
                  inBackups == 1 ? "a backup" : inBackups + " backups",
                  inBackups == 1,
                  backupDirectory);
    }
    String fix =
        "write "
            + reference
            + " in place of each copy (edit the file, or point the users of the other entry at"
            + " it) so that keyrun rotate "
            + reference
            + " reaches every user";
    return at(key, Status.WARN, text, fix);
  }

  /** Returns where else the value of {@code reference} is, leaving out its own store entry. */
  private List<String> copiesOf(Reference reference, String digest) {
    Optional<StoreValues.DotenvEntryName> own = values.dotenvEntry(reference);
    List<String> places = new ArrayList<>();
    for (CopyScan.Copy copy : copies) {
      boolean isOwn =
          own.isPresent()
              && own.get().file().equals(copy.file())
              && own.get().key().equals(copy.key());
      if (copy.digest().equals(digest) && !isOwn) {
        places.add(describe(copy));
      }
    }

    // Two references of other stores with the same value are two places. The scan above has
    // found the dotenv entries already.
    for (Reference other : users.keySet()) {
      if (!other.equals(reference)
          && other.scheme() != Scheme.DOTENV
          && values.digest(other).map(digest::equals).orElse(false)) {
        places.add("the store entry " + other);
      }
    }
    for (Map.Entry<Reference, Use> other : others.entrySet()) {
      if (values.digest(other.getKey()).map(digest::equals).orElse(false)
          && !scanned(other.getKey())) {
        places.add(
            "the store entry "
                + other.getKey()
                + " ("
                + OtherUses.describe(other.getValue())
                + ")");
      }
    }
    return places;
  }

  /** Tells whether the scan of the dotenv store files has seen the entry of {@code reference}. */
  private boolean scanned(Reference reference) {
    return values.dotenvEntry(reference).map(e -> storeFiles.contains(e.file())).orElse(false);
  }

  private String describe(CopyScan.Copy copy) {
    Path directory = scope.project().directory();
    if (storeFiles.contains(copy.file())) {
      return "the dotenv store entry "
          + copy.key()
          + " ("
          + scope.host().display(copy.file())
          + ":"
          + copy.line()
          + ")";
    }
    String file =
        copy.file().startsWith(directory)
            ? directory.relativize(copy.file()).toString()
            : scope.host().display(copy.file());
    return file + ":" + copy.line();
  }

  private Finding at(DeclaredKeys.Key key, Status status, String text, String fix) {
    return ProjectKeys.at(
        scope.project().directory(), key.origin(), KeyCopiesCheck.NAME, status, text, fix);
  }

  private static String onePlace(int single, int backedUp, String backupDirectory) {
    String text =
        single == 1
            ? "the value of the reference is in one place, its store entry"
            : "the value of each of the " + single + " references is in one place, its store entry";
    if (backedUp == 0) {
      return text;
    }
    String backups =
        single == 1
            ? "a backup"
            : "backups of " + backedUp + (backedUp == 1 ? " value" : " values");
    return text + "; " + backupNote(backups, single == 1, backupDirectory);
  }

  /** Returns the note on backups that hold a value, which are not counted as places. */
  private static String backupNote(String backups, boolean one, String backupDirectory) {
    return backups
        + " of keyrun import in "
        + backupDirectory
        + " (mode 600) also "
        + (one ? "holds" : "hold")
        + " the plaintext, not counted as a place:"
        + " keyrun import FILE --delete-backup deletes the backups of FILE";
  }
}
