package dev.keyrun.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a store call on its own thread and gives up after a timeout, killing the helper processes it
 * started, because a store may wait for an unlock prompt that no one can see. Used by the commands
 * that write to stores: set, delete, rotate and import.
 */
public final class StoreWatchdog {
  private StoreWatchdog() {}

  /** A call into a store. */
  public interface StoreCall<T> {
    T run() throws StoreException;
  }

  /**
   * Returns the result of {@code call}, waiting at most {@code timeout} plus {@link
   * Resolver#GRACE}. A {@link StoreException}, runtime exception or error of the call is rethrown
   * as it is.
   *
   * @throws StoreException when the call times out or the waiting thread is interrupted
   */
  public static <T> T call(Duration timeout, StoreCall<T> call) throws StoreException {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                result.complete(call.run());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "keyrun-store-write");
    worker.setDaemon(true);
    worker.start();

    try {
      return result.get(timeout.plus(Resolver.GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      HelperProcess.killRunning();
      throw new StoreException(
          "timed out after " + timeout.toSeconds() + " s",
          "an unlock prompt may be waiting; answer it, or raise --timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", null);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static StoreException rethrow(Throwable cause) {
    if (cause instanceof StoreException store) {
      return store;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    // StoreCall.run throws no other checked exception.
    throw new IllegalStateException(cause);
  }
}
