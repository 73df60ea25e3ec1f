package dev.keyrun.importing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.DotenvValueEncoder;
import dev.keyrun.dotenv.Segment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Carries out a planned import in the order that loses nothing: a private backup of the env file
 * first, then every value into the store, and only then the env file, replaced atomically. A
 * failure at any step leaves the env file as it was. Values stored before the failure stay in the
 * store, and a second run reuses them because they are equal.
 */
final class ImportApply {
  /** Characters a reference may contain and still be written unquoted in an env file. */
  private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z0-9_.:/@%+=,~-]+");

  private final EnvFileSource source;
  private final List<PlannedKey> plan;
  private final ImportStore store;
  private final Backups backups;
  private final PrintStream stderr;

  ImportApply(
      EnvFileSource source,
      List<PlannedKey> plan,
      ImportStore store,
      Backups backups,
      PrintStream stderr) {
    this.source = source;
    this.plan = plan;
    this.store = store;
    this.backups = backups;
    this.stderr = stderr;
  }

  void apply() {
    byte[] rewritten = rewrite();

    Path backup = backup();
    stderr.println("keyrun: backup of " + source.file() + " written to " + backup + " (mode 600)");

    int stored = storeValues();
    replaceFile(rewritten);
    long references = plan.stream().filter(PlannedKey::rewrites).count();
    stderr.println(
        "keyrun: stored "
            + stored
            + " new "
            + (stored == 1 ? "value" : "values")
            + " in the "
            + store.name()
            + "; "
            + source.file()
            + " now holds "
            + references
            + (references == 1 ? " reference" : " references")
            + " in place of plain values");
    stderr.println(
        "keyrun: once your program runs with the new file, delete the backup: keyrun import "
            + source.file()
            + " --delete-backup");
  }

  /**
   * Returns the new content of the env file, checked before anything changes: it must parse, and
   * each rewritten key must read back as exactly its reference. A reference is written bare where
   * that reads back, else quoted, as when a comment follows the closing quote without a space
   * ({@code KEY="value"#note}).
   */
  private byte[] rewrite() {
    Set<String> quoted = new HashSet<>();
    List<PlannedKey> unreadable = unreadable(rewriteWith(quoted));
    unreadable.forEach(key -> quoted.add(key.key()));

    String text = rewriteWith(quoted);
    unreadable = unreadable(text);
    if (!unreadable.isEmpty()) {
      PlannedKey key = unreadable.get(0);
      throw KeyrunException.failed(
          source.file() + ":" + key.entry().line(),
          "the reference for " + key.key() + " would not read back as written, so nothing changed",
          "move any text after the value to a comment of its own line, then import again");
    }
    return text.getBytes(UTF_8);
  }

  private String rewriteWith(Set<String> quoted) {
    List<EnvFileRewriter.Replacement> replacements = new ArrayList<>();
    for (PlannedKey key : plan) {
      if (key.rewrites()) {
        String reference = key.reference().toString();
        String text =
            quoted.contains(key.key()) ? DotenvValueEncoder.encode(reference) : written(reference);
        replacements.add(new EnvFileRewriter.Replacement(key.entry().span(), text));
      }
    }
    return EnvFileRewriter.rewrite(source.text(), replacements);
  }

  /** Returns the rewritten keys that {@code text} does not assign exactly their reference. */
  private List<PlannedKey> unreadable(String text) {
    Map<String, DotenvEntry> entries;
    try {
      entries =
          DotenvParser.parse(source.file().toString(), text).stream()
              .collect(Collectors.toMap(DotenvEntry::key, Function.identity(), (a, b) -> b));
    } catch (DotenvSyntaxException e) {
      return plan.stream().filter(PlannedKey::rewrites).toList();
    }

    List<PlannedKey> result = new ArrayList<>();
    for (PlannedKey key : plan) {
      DotenvEntry entry = entries.get(key.key());
      boolean readsBack =
          !key.rewrites()
              || (entry != null
                  && entry
                      .segments()
                      .equals(List.of(new Segment.Literal(key.reference().toString()))));
      if (!readsBack) {
        result.add(key);
      }
    }
    return result;
  }

  /** Returns the reference as written after {@code KEY=}: bare where that is safe, else quoted. */
  private static String written(String reference) {
    return UNQUOTED.matcher(reference).matches() ? reference : DotenvValueEncoder.encode(reference);
  }

  private Path backup() {
    try {
      return backups.create(source.file(), source.content(), Instant.now());
    } catch (IOException e) {
      throw KeyrunException.failed(
          source.file().toString(),
          "cannot write the backup in " + backups.directory() + ": " + e.getMessage(),
          "nothing was changed; fix the backup directory, or set XDG_STATE_HOME to another one",
          e);
    }
  }

  private int storeValues() {
    List<String> done = new ArrayList<>();
    for (PlannedKey key : plan) {
      if (key.action() != PlannedKey.Action.MOVE) {
        continue;
      }
      Secret value = Secret.ofUtf8(key.plainText());
      try {
        store.store(key.reference(), value);
        done.add(key.reference().toString());
      } catch (StoreException | RuntimeException e) {
        throw storeFailed(key, e, done);
      } finally {
        value.wipe();
      }
    }
    return done.size();
  }

  private KeyrunException storeFailed(PlannedKey key, Exception cause, List<String> done) {
    String problem =
        cause instanceof StoreException
            ? cause.getMessage()
            : "internal error: " + cause.getClass().getName();
    String storedSoFar = done.isEmpty() ? "none" : String.join(", ", done);
    return KeyrunException.failed(
        key.key(),
        "storing it as " + key.reference() + " failed: " + problem,
        source.file()
            + " is unchanged; stored so far: "
            + storedSoFar
            + ". Fix the cause and run the same command again: it reuses what is stored",
        cause);
  }

  private void replaceFile(byte[] content) {
    requireUnchanged();
    try {
      AtomicReplace.replace(source.file(), content);
    } catch (IOException e) {
      throw KeyrunException.failed(
          source.file().toString(),
          "cannot replace it: " + e.getMessage(),
          "it is unchanged and every value is stored; fix the cause and run the same command"
              + " again",
          e);
    }
  }

  /**
   * Checks that the env file still has the bytes read at the start, so that an edit made while the
   * values were stored is not replaced. NOTE: an edit between this check and the rename is lost.
   */
  private void requireUnchanged() {
    byte[] now;
    try {
      now = Files.readAllBytes(source.file());
    } catch (IOException e) {
      now = null;
    }
    boolean unchanged = now != null && Arrays.equals(now, source.content());
    if (now != null) {
      Arrays.fill(now, (byte) 0);
    }
    if (!unchanged) {
      throw KeyrunException.failed(
          source.file().toString(),
          "changed during the import, so it was left as it is now",
          "every value is stored, and the next run reuses them: run the same command again");
    }
  }
}
