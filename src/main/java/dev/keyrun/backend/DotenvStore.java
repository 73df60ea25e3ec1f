package dev.keyrun.backend;

import dev.keyrun.dotenv.DotenvExpander;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.KeyGrammar;
import dev.keyrun.files.XdgBaseDirectory;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dotenv:KEY} and {@code dotenv:/path/to/file#KEY}: a plaintext store file in keyrun's .env
 * dialect, which must be private to the user (see {@link PrivateFile}).
 *
 * <p>The default file is the one {@code $KEYRUN_DOTENV_STORE} or {@code dotenv.store} in the user's
 * config file names, else {@code $XDG_CONFIG_HOME/keyrun/secrets.env}, else {@code
 * ~/.config/keyrun/secrets.env}. Each file is read once per run however many keys come from it.
 * Values in the store are final: {@code ${NAME}} may refer to earlier lines of the same store but
 * never to the environment, and a value that looks like a reference is not resolved again.
 *
 * <p>{@code keyrun set} and {@code keyrun delete} edit the file in place and keep every line they
 * do not change (see {@link DotenvStoreFile}). The {@link WriteOptions} have no effect on a file.
 */
public final class DotenvStore implements WritableBackend {
  private static final String SYNTAX = "dotenv:KEY or dotenv:/absolute/path#KEY";
  private static final StoreInfo INFO =
      new StoreInfo(
          "dotenv store",
          List.of(Scheme.DOTENV),
          "a plaintext .env file of mode 600",
          "dotenv:OPENAI_API_KEY",
          "add it with: keyrun set REFERENCE, or fix the reference");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    Map<Path, Map<String, ExpandedValue>> files = new HashMap<>();
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      Location location = locate(reference, context);
      Map<String, ExpandedValue> store = files.get(location.file());
      if (store == null) {
        store = loadFor(location.file(), references, context);
        files.put(location.file(), store);
      }
      ExpandedValue value = store.get(location.key());
      values.put(reference, Optional.ofNullable(value).map(v -> Secret.ofUtf8(v.plainText())));
    }
    return values;
  }

  @Override
  public void prepare(Reference reference, WriteOptions options, StoreContext context)
      throws StoreException {
    Location location = locate(reference, context);
    rejectAllowAnyApp(options);
    DotenvStoreFile.check(location.file());
  }

  @Override
  public void store(Reference reference, Secret value, WriteOptions options, StoreContext context)
      throws StoreException {
    Location location = locate(reference, context);
    rejectAllowAnyApp(options);
    DotenvStoreFile.store(location.file(), location.key(), value);
  }

  @Override
  public boolean delete(Reference reference, StoreContext context) throws StoreException {
    Location location = locate(reference, context);
    return DotenvStoreFile.delete(location.file(), location.key());
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    return "not found in the dotenv store " + locate(reference, context).file();
  }

  /** Returns the store file this backend reads by default in {@code context}. */
  public static Path defaultFile(StoreContext context) {
    return context
        .settings()
        .dotenvStore()
        .map(StoreSettings.Configured::value)
        .orElseGet(() -> standardFile(context.environment(), context.home()));
  }

  /**
   * Returns the store file used when no setting names one: {@code
   * $XDG_CONFIG_HOME/keyrun/secrets.env} when XDG_CONFIG_HOME is absolute, else {@code
   * ~/.config/keyrun/secrets.env}.
   */
  public static Path standardFile(Map<String, byte[]> environment, Path home) {
    return XdgBaseDirectory.CONFIG.resolve(environment, home).resolve("keyrun/secrets.env");
  }

  private static Location locate(Reference reference, StoreContext context) {
    String body = reference.body();
    int hash = body.lastIndexOf('#');
    Path file = hash < 0 ? defaultFile(context) : path(reference, body.substring(0, hash), context);
    String key = hash < 0 ? body : body.substring(hash + 1);
    if (!KeyGrammar.isValid(key)) {
      throw new InvalidReferenceException(reference, "invalid key", SYNTAX);
    }
    return new Location(file, key);
  }

  private static Path path(Reference reference, String text, StoreContext context) {
    if (text.startsWith("~/")) {
      return context.home().resolve(text.substring(2));
    }
    if (!text.startsWith("/")) {
      throw new InvalidReferenceException(reference, "store path is not absolute", SYNTAX);
    }
    return Path.of(text);
  }

  /**
   * Loads {@code file}, and on failure limits the failure to the references that read it, so that
   * one broken store file does not fail the keys of the others.
   */
  private static Map<String, ExpandedValue> loadFor(
      Path file, List<Reference> references, StoreContext context) throws StoreException {
    try {
      return load(file);
    } catch (StoreException e) {
      List<Reference> affected = new ArrayList<>();
      for (Reference reference : references) {
        if (locate(reference, context).file().equals(file)) {
          affected.add(reference);
        }
      }
      throw e.affecting(affected);
    }
  }

  private static Map<String, ExpandedValue> load(Path file) throws StoreException {
    byte[] content;
    try {
      content = PrivateFile.read(file);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          file + " does not exist",
          "keyrun set dotenv:KEY creates it with mode 600; or fix the reference, KEYRUN_DOTENV_STORE"
              + " or dotenv.store in config.toml",
          e);
    } catch (IOException e) {
      throw readFailure(file, e);
    }
    return expand(file, content);
  }

  /** Returns the failure to report when reading an existing store file fails. */
  static StoreException readFailure(Path file, IOException failure) {
    if (failure instanceof PrivateFile.UnsafeFileException e) {
      return new StoreException(file + " " + e.problem(), storeHint(file, e), e);
    }
    if (failure instanceof AccessDeniedException e) {
      return new StoreException(file + ": permission denied", "chmod 600 " + file, e);
    }
    return new StoreException("cannot read " + file + ": " + failure.getMessage(), null, failure);
  }

  /** Parses and expands the content of a store file, which may use only its own earlier lines. */
  static Map<String, ExpandedValue> expand(Path file, byte[] content) throws StoreException {
    try {
      return DotenvExpander.parseAndExpand(file.toString(), content, name -> null, text -> false);
    } catch (DotenvSyntaxException e) {
      throw new StoreException(e.getMessage(), "fix that line of the store file", e);
    }
  }

  /** Returns the fix for an unsafe store file: the chmod alone, since it already is the store. */
  private static String storeHint(Path file, PrivateFile.UnsafeFileException e) {
    return e.problem().startsWith("is accessible") ? "chmod 600 " + file : e.hint();
  }

  private static void rejectAllowAnyApp(WriteOptions options) throws StoreException {
    if (options.allowAnyApp()) {
      throw new StoreException(
          "--allow-any-app applies only to the macOS Keychain",
          "leave it out: the store file's mode 600 already decides who can read it");
    }
  }

  private record Location(Path file, String key) {}
}
