package dev.keyrun.doctor;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.DotenvStore;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a project's references, held only as SHA-256 digests. They are resolved as {@code
 * keyrun check} resolves them: every store in parallel, within the timeout of the user's config.
 * Each value is wiped as soon as its digest is taken.
 */
final class StoreValues {
  /**
   * The entry a {@code dotenv:} reference names.
   *
   * @param file the absolute store file
   * @param key the key of the entry in that file
   */
  record DotenvEntryName(Path file, String key) {}

  private final Map<Reference, String> digests = new LinkedHashMap<>();
  private final Map<Reference, String> problems = new LinkedHashMap<>();
  private final StoreContext context;

  private StoreValues(StoreContext context) {
    this.context = context;
  }

  /** Resolves {@code references} with the stores, config and environment of {@code project}. */
  static StoreValues resolve(ProjectKeys project, List<Reference> references) {
    Duration timeout = Duration.ofSeconds(project.config().timeoutSeconds());
    StoreContext context =
        new StoreContext(
            project.environment(),
            project.home(),
            Instant.now().plus(timeout),
            project.config().storeSettings());
    StoreValues values = new StoreValues(context);

    Resolver resolver = new Resolver(BackendRegistry.load());
    for (Outcome outcome : resolver.resolve(references, context, timeout).values()) {
      values.add(outcome);
    }
    return values;
  }

  /**
   * Returns the digest of the value of {@code reference}, or empty when it did not resolve or is
   * too short to compare (see {@link #problem}).
   */
  Optional<String> digest(Reference reference) {
    return Optional.ofNullable(digests.get(reference));
  }

  /** Returns why {@code reference} has no digest, or empty when it has one. */
  Optional<String> problem(Reference reference) {
    return Optional.ofNullable(problems.get(reference));
  }

  /** Returns the store file that {@code dotenv:NAME} references without a path read. */
  Path defaultDotenvFile() {
    return DotenvStore.defaultFile(context).toAbsolutePath().normalize();
  }

  /** Returns the file and key a {@code dotenv:} reference names, or empty for other schemes. */
  Optional<DotenvEntryName> dotenvEntry(Reference reference) {
    if (reference.scheme() != Scheme.DOTENV) {
      return Optional.empty();
    }
    String body = reference.body();
    int hash = body.lastIndexOf('#');
    if (hash < 0) {
      return Optional.of(new DotenvEntryName(defaultDotenvFile(), body));
    }

    String path = body.substring(0, hash);
    Path file = path.startsWith("~/") ? context.home().resolve(path.substring(2)) : Path.of(path);
    if (!file.isAbsolute()) {
      // The store rejects a relative path, so the reference did not resolve.
      return Optional.empty();
    }
    return Optional.of(
        new DotenvEntryName(file.toAbsolutePath().normalize(), body.substring(hash + 1)));
  }

  private void add(Outcome outcome) {
    Reference reference = outcome.reference();
    if (outcome instanceof Outcome.Found found) {
      byte[] value = found.secret().bytes();
      try {
        String digest = CopyScan.digest(value);
        if (digest == null) {
          problems.put(reference, "its value is too short to tell a copy from a coincidence");
        } else {
          digests.put(reference, digest);
        }
      } finally {
        Arrays.fill(value, (byte) 0);
        found.secret().wipe();
      }
    } else if (outcome instanceof Outcome.Missing missing) {
      problems.put(reference, missing.problem());
    } else {
      Outcome.Failed failed = (Outcome.Failed) outcome;
      problems.put(reference, failed.store() + ": " + failed.problem());
    }
  }
}
