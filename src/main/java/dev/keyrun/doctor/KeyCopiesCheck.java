package dev.keyrun.doctor;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.files.XdgBaseDirectory;
import dev.keyrun.inventory.Use;
import dev.keyrun.reference.Reference;
import dev.keyrun.run.DeclaredKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the places that hold the value of each reference of the project. {@code keyrun rotate}
 * replaces a value in its one store entry, so every other place keeps the old value: a plaintext
 * copy in one of the project's env files, another entry of a dotenv store, or another reference, of
 * this project or assigned to one of its key names elsewhere (see {@link OtherUses}), with the same
 * value. Values are compared by digest and never printed (see {@link CopyScan}). The backups that
 * {@code keyrun import} keeps are mentioned but not counted, because they are private to the user
 * and deleted with {@code keyrun import FILE --delete-backup}.
 */
final class KeyCopiesCheck implements Check {
  static final String NAME = "key-copies";

  /** The maximum number of places one finding lists. It gives the count of the others. */
  private static final int LISTED_PLACES = 5;

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
      return List.of(Finding.skipped(NAME, ProjectKeys.describe(e)));
    }
    if (project.source().isEmpty()) {
      return List.of(ProjectKeys.noKeys(NAME, scope.project().directory()));
    }
    Map<Reference, DeclaredKeys.Key> users = users(project.referencedKeys());
    if (users.isEmpty()) {
      return List.of(
          Finding.skipped(
              NAME, "no key of " + project.source().get() + " uses a reference to a store"));
    }

    Map<Reference, Use> others = OtherUses.of(project, project.referencedKeys(), users.keySet());
    List<Reference> references = new ArrayList<>(users.keySet());
    references.addAll(others.keySet());
    StoreValues values = StoreValues.resolve(project, references);

    Set<String> digests = new LinkedHashSet<>();
    users.keySet().forEach(reference -> values.digest(reference).ifPresent(digests::add));
    Set<Path> storeFiles = storeFiles(values, users.keySet());
    CopyScan copies = scanPlaces(scope, storeFiles, digests);
    CopyScan backups = new CopyScan(digests);
    Path backupDirectory = backupDirectory(project);
    backupFiles(backupDirectory).forEach(backups::scan);

    CopyReport report =
        new CopyReport(scope, values, users, others, storeFiles, copies.copies(), backups.copies());
    return report.findings(scope.host().display(backupDirectory));
  }

  /** Returns each reference of {@code keys} with the first key that uses it. */
  private static Map<Reference, DeclaredKeys.Key> users(List<DeclaredKeys.Key> keys) {
    Map<Reference, DeclaredKeys.Key> users = new LinkedHashMap<>();
    for (DeclaredKeys.Key key : keys) {
      for (Piece piece : key.value().orElseThrow().pieces()) {
        if (piece.reference()) {
          users.putIfAbsent(Reference.parse(piece.text()).orElseThrow(), key);
        }
      }
    }
    return users;
  }

  /**
   * Returns every dotenv store file the references can use: the default one and those named in
   * {@code dotenv:FILE#KEY} references.
   */
  private static Set<Path> storeFiles(StoreValues values, Set<Reference> references) {
    Set<Path> storeFiles = new LinkedHashSet<>();
    storeFiles.add(values.defaultDotenvFile());
    for (Reference reference : references) {
      values.dotenvEntry(reference).ifPresent(entry -> storeFiles.add(entry.file()));
    }
    return storeFiles;
  }

  /**
   * Scans the project's env files and the dotenv store files. A store file inside the project is
   * scanned once, as a store.
   */
  private static CopyScan scanPlaces(Scope scope, Set<Path> storeFiles, Set<String> digests) {
    CopyScan scan = new CopyScan(digests);
    for (Path file : scope.project().envFiles()) {
      Path absolute = scope.project().directory().resolve(file).toAbsolutePath().normalize();
      if (!storeFiles.contains(absolute)) {
        scan.scan(absolute);
      }
    }
    storeFiles.forEach(scan::scan);
    return scan;
  }

  /** Returns the directory of {@code keyrun import}'s backups: $XDG_STATE_HOME/keyrun/backups. */
  private static Path backupDirectory(ProjectKeys project) {
    return XdgBaseDirectory.STATE
        .resolve(project.environment(), project.home())
        .resolve("keyrun")
        .resolve("backups");
  }

  private static List<Path> backupFiles(Path directory) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      entries.forEach(files::add);
    } catch (IOException e) {
      // An unreadable backup directory only hides the note on backups, because backups are
      // not counted as places.
    }
    files.sort(null);
    return files;
  }

  /** Returns at most {@link #LISTED_PLACES} of {@code places}, then how many more there are. */
  static String list(List<String> places) {
    if (places.size() <= LISTED_PLACES) {
      return String.join(", ", places);
    }
    return String.join(", ", places.subList(0, LISTED_PLACES))
        + " and "
        + (places.size() - LISTED_PLACES)
        + " more";
  }
}
