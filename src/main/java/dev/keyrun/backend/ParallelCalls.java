package dev.keyrun.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one blocking store call per item on a few daemon threads at a time, for stores that read
 * each entry with a separate call (a helper process, a D-Bus round trip). Daemon threads let keyrun
 * exit at its deadline even when a call hangs.
 */
public final class ParallelCalls {

  /** One store call for one item. */
  public interface Call<T, R> {
    R run(T item) throws StoreException;
  }

  private ParallelCalls() {}

  /**
   * Returns the result of {@code call} for each item, in order, running at most {@code parallelism}
   * calls at once.
   *
   * @throws StoreException the first failure in item order; the other results are dropped
   */
  public static <T, R> List<R> map(List<T> items, int parallelism, String name, Call<T, R> call)
      throws StoreException {
    List<R> results = new ArrayList<>();
    for (int start = 0; start < items.size(); start += parallelism) {
      List<T> group = items.subList(start, Math.min(items.size(), start + parallelism));
      List<CompletableFuture<R>> running = new ArrayList<>();
      for (T item : group) {
        running.add(start(item, name, call));
      }
      for (CompletableFuture<R> result : running) {
        results.add(await(result));
      }
    }
    return results;
  }

  private static <T, R> CompletableFuture<R> start(T item, String name, Call<T, R> call) {
    CompletableFuture<R> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(call.run(item));
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  private static <R> R await(CompletableFuture<R> future) throws StoreException {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw (Error) cause;
    }
  }
}
