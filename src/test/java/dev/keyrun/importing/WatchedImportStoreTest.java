package dev.keyrun.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchedImportStoreTest {
  private static final Reference REFERENCE = new Reference(Scheme.DOTENV, "API_KEY");

  /** Released after each test, so that the blocked store threads end. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedCalls() {
    release.countDown();
  }

  @Test
  void hangingStoreTimesOut() {
    WatchedImportStore store = new WatchedImportStore(new BlockingStore(), Duration.ZERO);

    StoreException e =
        assertThrows(StoreException.class, () -> store.store(REFERENCE, Secret.ofUtf8("v")));

    assertEquals("timed out after 0 s", e.getMessage());
    assertTrue(e.hint().contains("raise --timeout"), e.hint());
  }

  @Test
  void hangingPrepareTimesOut() {
    WatchedImportStore store = new WatchedImportStore(new BlockingStore(), Duration.ZERO);

    assertThrows(StoreException.class, () -> store.prepare(REFERENCE));
    assertThrows(StoreException.class, () -> store.existing(List.of(REFERENCE)));
  }

  @Test
  void storeFailurePassesThrough() {
    StoreException failure = new StoreException("vault is read-only", "use another vault");
    WatchedImportStore store =
        new WatchedImportStore(new FailingStore(failure), Duration.ofSeconds(30));

    StoreException e =
        assertThrows(StoreException.class, () -> store.store(REFERENCE, Secret.ofUtf8("v")));

    assertSame(failure, e);
  }

  @Test
  void resultsPassThrough() throws Exception {
    WatchedImportStore store =
        new WatchedImportStore(new FailingStore(null), Duration.ofSeconds(30));

    assertEquals("test store", store.name());
    assertEquals(REFERENCE, store.referenceFor("API_KEY"));
    assertEquals(Map.of(REFERENCE, Optional.empty()), store.existing(List.of(REFERENCE)));
  }

  /** A store whose calls wait until the test ends, like a keyring behind an unseen prompt. */
  private final class BlockingStore extends FailingStore {
    BlockingStore() {
      super(null);
    }

    @Override
    void call() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A store that throws {@code failure} from every call, or returns empty results when it is null.
   */
  private static class FailingStore implements ImportStore {
    private final StoreException failure;

    FailingStore(StoreException failure) {
      this.failure = failure;
    }

    void call() throws StoreException {
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public String name() {
      return "test store";
    }

    @Override
    public Reference referenceFor(String name) {
      return new Reference(Scheme.DOTENV, name);
    }

    @Override
    public void prepare(Reference reference) throws StoreException {
      call();
    }

    @Override
    public Map<Reference, Optional<Secret>> existing(List<Reference> references)
        throws StoreException {
      call();
      return Map.of(references.get(0), Optional.empty());
    }

    @Override
    public void store(Reference reference, Secret value) throws StoreException {
      call();
    }
  }
}
