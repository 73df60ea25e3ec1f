package dev.keyrun.importing;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreFileLock;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code keyrun import}: plans which plain values of an env file move into a store, prints the
 * plan, and with {@code --apply} moves them (see {@link ImportApply}). The plan and every message
 * name keys and references, never a value.
 */
public final class ImportService {
  private final ImportRequest request;
  private final ImportStore store;
  private final Backups backups;
  private final BackupCheck backupCheck;
  private final PrintStream stdout;
  private final PrintStream stderr;

  /**
   * @param store the store to move values into, or null to only delete backups
   */
  ImportService(
      ImportRequest request,
      ImportStore store,
      Backups backups,
      BackupCheck backupCheck,
      PrintStream stdout,
      PrintStream stderr) {
    this.request = request;
    this.store = store;
    this.backups = backups;
    this.backupCheck = backupCheck;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs the import and returns the exit status; failures are thrown as KeyrunException. */
  public int run() {
    if (store == null) {
      backupCheck.deleteBackups(request.file());
      return 0;
    }

    requireNotStoreFile();
    if (!request.apply()) {
      return importFile();
    }
    try (StoreFileLock lock = lockImports()) {
      return importFile();
    }
  }

  /**
   * Plans the import and, with {@code --apply}, carries it out. An applying import runs under the
   * import lock, so the check for conflicting stored values finds what an earlier import stored.
   */
  private int importFile() {
    EnvFileSource source = EnvFileSource.read(request.file());
    requireKeptKeysAssigned(source);
    List<PlannedKey> plan =
        ImportPlanner.plan(
            source.entries(), name -> store.referenceFor(request.prefix() + name), request.keep());
    plan = withStoredValues(plan);
    plan.forEach(key -> stdout.println(key.describe()));
    stdout.flush();

    long moving = plan.stream().filter(PlannedKey::rewrites).count();
    if (moving == 0) {
      stderr.println(
          "keyrun: nothing to import in "
              + request.file()
              + ": no value there is plain text that can move, so nothing was changed");
    } else if (!request.apply()) {
      stderr.println(
          "keyrun: dry run: nothing was changed; run the same command with --apply to move "
              + moving
              + (moving == 1 ? " value" : " values")
              + " into the "
              + store.name()
              + (request.deleteBackup() ? "; no backup was deleted" : ""));
      return 0;
    } else {
      new ImportApply(source, plan, store, backups, stderr).apply();
    }

    PlainValuesNotice.print(request.file(), plan, stderr);
    if (request.deleteBackup()) {
      backupCheck.deleteBackups(request.file());
    }
    return 0;
  }

  /**
   * Rejects a {@code --keep} name that the file does not assign, which is most likely misspelt and
   * would otherwise let the value it meant move into the store.
   */
  private void requireKeptKeysAssigned(EnvFileSource source) {
    Set<String> assigned = new HashSet<>();
    source.entries().forEach(entry -> assigned.add(entry.key()));
    List<String> unknown = new ArrayList<>();
    for (String name : request.keep()) {
      if (!assigned.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      Collections.sort(unknown);
      throw KeyrunException.failed(
          "--keep",
          String.join(", ", unknown) + " not found in " + request.file() + "; nothing was changed",
          null);
    }
  }

  /**
   * Rejects an import of the store's own file, which would replace every value in it with a
   * reference to itself.
   */
  private void requireNotStoreFile() {
    Optional<Path> storeFile = store.file();
    if (storeFile.isEmpty() || !Files.exists(storeFile.get())) {
      return;
    }

    boolean same;
    try {
      same = Files.isSameFile(request.file(), storeFile.get());
    } catch (IOException e) {
      // The env file is missing or unreadable, which reading it reports next.
      same = false;
    }
    if (same) {
      throw KeyrunException.failed(
          request.file().toString(),
          "is the "
              + store.name()
              + " itself, so importing it would replace its values with references to them;"
              + " nothing was changed",
          "import the project's env file, or point KEYRUN_DOTENV_STORE or dotenv.store in"
              + " config.toml at another file");
    }
  }

  /**
   * Waits until no other import applies, then holds {@code $XDG_STATE_HOME/keyrun/.import.lock}
   * until closed.
   */
  private StoreFileLock lockImports() {
    Path lockName = backups.directory().resolveSibling("import");
    try {
      return StoreFileLock.acquire(lockName);
    } catch (StoreException e) {
      throw KeyrunException.failed(
          request.file().toString(),
          "cannot write the backup in " + backups.directory() + ": " + e.getMessage(),
          "nothing was changed; fix the state directory, or set XDG_STATE_HOME to another one",
          e);
    }
  }

  /**
   * Looks up each key to move in the store. An equal stored value is reused; a different one
   * rejects the whole import before anything changes.
   */
  private List<PlannedKey> withStoredValues(List<PlannedKey> plan) {
    List<Reference> references = new ArrayList<>();
    plan.stream().filter(PlannedKey::rewrites).forEach(key -> references.add(key.reference()));
    Map<Reference, Optional<Secret>> stored = existing(references);

    List<PlannedKey> result = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (PlannedKey key : plan) {
      Optional<Secret> value = key.rewrites() ? stored.get(key.reference()) : Optional.empty();
      if (value.isEmpty()) {
        result.add(key);
      } else if (sameValue(value.get(), key.plainText())) {
        result.add(key.reused());
      } else {
        conflicts.add(key.key() + " (" + key.reference() + ")");
        result.add(key);
      }
      value.ifPresent(Secret::wipe);
    }

    if (!conflicts.isEmpty()) {
      throw KeyrunException.failed(
          request.file().toString(),
          "the "
              + store.name()
              + " already holds a different value for "
              + String.join(", ", conflicts)
              + ", so nothing was changed",
          "keep both values by storing this file's under other names, with --prefix such as"
              + " --prefix MYAPP_");
    }
    return result;
  }

  private Map<Reference, Optional<Secret>> existing(List<Reference> references) {
    try {
      for (Reference reference : references) {
        store.prepare(reference);
      }
      return store.existing(references);
    } catch (StoreException e) {
      throw KeyrunException.failed(store.name(), e.getMessage(), e.hint(), e);
    } catch (InvalidReferenceException e) {
      throw KeyrunException.failed(
          store.name(), e.getMessage(), "choose other names with --prefix, or another store", e);
    }
  }

  private static boolean sameValue(Secret stored, String plainText) {
    byte[] expected = Secret.ofUtf8(plainText).bytes();
    byte[] actual = stored.bytes();
    try {
      return MessageDigest.isEqual(expected, actual);
    } finally {
      java.util.Arrays.fill(expected, (byte) 0);
      java.util.Arrays.fill(actual, (byte) 0);
    }
  }
}
