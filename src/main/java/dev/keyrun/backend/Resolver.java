package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a set of references: each backend gets all of its references in one call, different
 * backends run in parallel on their own threads, and a backend that has not returned by the
 * deadline fails its references with a timeout.
 */
public final class Resolver {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  /**
   * Time a store gets after the deadline to report its own timeout, which names what it waited for,
   * before the generic one is reported.
   */
  public static final Duration GRACE = Duration.ofMillis(500);

  private final BackendRegistry registry;

  public Resolver(BackendRegistry registry) {
    this.registry = registry;
  }

  /** Returns one outcome per distinct reference, in the order first given. */
  public Map<Reference, Outcome> resolve(
      Collection<Reference> references, StoreContext context, Duration timeout) {
    Map<Reference, Outcome> outcomes = new LinkedHashMap<>();
    Map<Backend, List<Reference>> batches = new LinkedHashMap<>();
    for (Reference reference : new LinkedHashSet<>(references)) {
      Optional<Backend> backend = registry.forScheme(reference.scheme());
      if (backend.isEmpty()) {
        outcomes.put(reference, unavailable(reference));
      } else {
        batches.computeIfAbsent(backend.get(), b -> new ArrayList<>()).add(reference);
      }
    }

    Map<Backend, CompletableFuture<List<Outcome>>> running = new LinkedHashMap<>();
    batches.forEach((backend, batch) -> running.put(backend, start(backend, batch, context)));

    Instant deadline = Instant.now().plus(timeout).plus(GRACE);
    running.forEach(
        (backend, future) -> {
          for (Outcome outcome :
              await(backend.nameIn(context), batches.get(backend), future, deadline, timeout)) {
            outcomes.put(outcome.reference(), outcome);
          }
        });
    return orderedLike(references, outcomes);
  }

  private static CompletableFuture<List<Outcome>> start(
      Backend backend, List<Reference> batch, StoreContext context) {
    CompletableFuture<List<Outcome>> future = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> runBatch(backend, batch, context, future), "keyrun-" + backend.info().name());
    // A store that hangs must not keep keyrun alive after the deadline.
    worker.setDaemon(true);
    worker.start();
    return future;
  }

  /**
   * Completes {@code future} with the batch's outcomes. A throwable that escapes {@link BatchCall},
   * such as an {@link Error} from the backend, completes it exceptionally. Otherwise the thread's
   * default handler would print the throwable's message, which may contain a value, and the batch
   * would wait out the whole timeout.
   */
  private static void runBatch(
      Backend backend,
      List<Reference> batch,
      StoreContext context,
      CompletableFuture<List<Outcome>> future) {
    long started = System.nanoTime();
    try {
      List<Outcome> outcomes = BatchCall.run(backend, batch, context);
      LOG.info(
          "{}: {} in {} ms",
          backend.info().name(),
          batch.size() == 1 ? "1 reference" : batch.size() + " references",
          (System.nanoTime() - started) / 1_000_000);
      future.complete(outcomes);
    } catch (Throwable e) {
      future.completeExceptionally(e);
    }
  }

  private static List<Outcome> await(
      String storeName,
      List<Reference> batch,
      CompletableFuture<List<Outcome>> future,
      Instant deadline,
      Duration timeout) {
    try {
      long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      return future.get(remaining, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      HelperProcess.killRunning();
      return BatchCall.failAll(
          batch,
          storeName,
          "timed out after " + timeout.toSeconds() + " s",
          "check that the store is reachable, or raise --timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BatchCall.failAll(batch, storeName, "interrupted", null);
    } catch (ExecutionException e) {
      // The message of a backend's throwable may contain a value, so only its class is shown.
      return BatchCall.failAll(
          batch, storeName, "internal error: " + e.getCause().getClass().getName(), null);
    }
  }

  private Outcome unavailable(Reference reference) {
    return new Outcome.Failed(
        reference,
        reference.scheme().prefix() + " store",
        "no store for " + reference.scheme().prefix() + " references in this build of keyrun",
        "stores available here: " + availableSchemes());
  }

  private String availableSchemes() {
    List<String> prefixes = new ArrayList<>();
    for (Backend backend : registry.backends()) {
      backend.info().schemes().forEach(s -> prefixes.add(s.prefix()));
    }
    return String.join(" ", prefixes);
  }

  private static Map<Reference, Outcome> orderedLike(
      Collection<Reference> references, Map<Reference, Outcome> outcomes) {
    Map<Reference, Outcome> ordered = new LinkedHashMap<>();
    for (Reference reference : references) {
      ordered.putIfAbsent(reference, outcomes.get(reference));
    }
    return ordered;
  }
}
