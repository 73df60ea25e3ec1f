package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Backend;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreWatchdog;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The write path that {@code keyrun set}, {@code keyrun delete} and {@code keyrun rotate} share:
 * which stores keyrun can write, asking for the value only once the store is ready for it, and
 * store calls bounded by a timeout.
 */
final class StoreWrites {
  private final Services services;

  StoreWrites(Services services) {
    this.services = services;
  }

  /** Parses the REFERENCE argument of a command that writes, where only a reference makes sense. */
  Reference reference(String argument) {
    String hint = "use a reference such as " + String.join(", ", writableExamples());
    return Reference.require(argument, hint);
  }

  /**
   * Checks that {@code store} can take a value under {@code reference}, then reads the value from
   * stdin or a prompt and stores it. The value is wiped from memory afterwards.
   *
   * @return the store's name for messages, such as {@code dotenv store}
   */
  String store(
      Reference reference,
      WritableBackend store,
      WriteOptions options,
      Duration timeout,
      InputStream stdin,
      boolean raw)
      throws IOException {
    call(
        reference,
        store,
        timeout,
        () -> {
          store.prepare(reference, options, services.storeContext(timeout));
          return true;
        });

    Secret value = ValueInput.read(reference.toString(), stdin, raw);
    StoreContext context = services.storeContext(timeout);
    try {
      call(
          reference,
          store,
          timeout,
          () -> {
            store.store(reference, value, options, context);
            return true;
          });
    } finally {
      value.wipe();
    }
    return store.nameIn(context);
  }

  /** Returns the store of {@code reference} if keyrun can write to it, else fails alike for all. */
  WritableBackend writableStore(Reference reference) {
    Backend backend = services.registry().forScheme(reference.scheme()).orElse(null);
    if (backend instanceof WritableBackend writable) {
      return writable;
    }
    String name = backend == null ? reference.scheme().prefix() + " store" : backend.info().name();
    throw KeyrunException.failed(
        reference.toString(),
        "keyrun cannot write to the "
            + name
            + "; it writes to "
            + String.join(", ", writablePrefixes()),
        "store the value in one of those with keyrun set, and put its reference in your env file");
  }

  List<String> writablePrefixes() {
    List<String> prefixes = new ArrayList<>();
    for (Backend backend : services.registry().backends()) {
      if (backend instanceof WritableBackend) {
        backend.info().schemes().forEach(s -> prefixes.add(s.prefix()));
      }
    }
    return prefixes;
  }

  private List<String> writableExamples() {
    List<String> examples = new ArrayList<>();
    for (Backend backend : services.registry().backends()) {
      if (backend instanceof WritableBackend) {
        examples.add(backend.info().example());
      }
    }
    return examples;
  }

  /**
   * Runs {@code call} under the {@link StoreWatchdog}, because a store may wait for an unlock
   * prompt that no one can see, and turns its failure into keyrun's error for {@code reference}.
   */
  <T> T call(
      Reference reference,
      WritableBackend store,
      Duration timeout,
      StoreWatchdog.StoreCall<T> call) {
    String subject = reference.toString();
    String storeName = store.nameIn(services.storeContext(timeout));
    try {
      return StoreWatchdog.call(timeout, call);
    } catch (StoreException | RuntimeException | Error e) {
      throw failure(subject, storeName, e);
    }
  }

  private static KeyrunException failure(String subject, String storeName, Throwable cause) {
    if (cause instanceof StoreException store) {
      return KeyrunException.failed(
          subject, storeName + ": " + store.getMessage(), store.hint(), store);
    }
    if (cause instanceof InvalidReferenceException invalid) {
      return KeyrunException.failed(subject, invalid.problem(), "expected " + invalid.expected());
    }
    if (cause instanceof LinkageError) {
      return KeyrunException.failed(
          subject,
          storeName
              + ": cannot load the C library binding (JNA): "
              + cause.getClass().getSimpleName(),
          "reinstall keyrun with scripts/install.sh",
          cause);
    }
    // The message of an unexpected throwable may contain a value, so only its class is shown.
    return KeyrunException.failed(
        subject, storeName + ": internal error: " + cause.getClass().getName(), null, cause);
  }
}
