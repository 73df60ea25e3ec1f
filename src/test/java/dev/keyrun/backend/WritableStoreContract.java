package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keyrun.reference.Reference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link StoreContract} of a store that {@code keyrun set} and {@code keyrun delete} change:
 * what {@link WritableBackend#store} writes resolves byte for byte, a second write replaces the
 * first, and {@link WritableBackend#delete} removes the entry.
 */
public abstract class WritableStoreContract extends StoreContract {

  @Override
  protected abstract WritableBackend backend();

  /**
   * Returns a reference to an entry that does not exist yet and that the test creates through the
   * store. The subclass removes it after the test where the store outlives the test.
   *
   * @param name a lower-case word, unique within the test, from which to make the entry's key
   */
  protected abstract Reference newEntry(String name) throws Exception;

  static Stream<Arguments> writtenValues() {
    return Stream.of(
        arguments("unicode", UNICODE),
        arguments("multi-line", MULTI_LINE),
        arguments("trailing newline", TRAILING_NEWLINE),
        arguments("1 KiB", new String(textOfSize(1024), UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writtenValues")
  void storedValueResolves(String label, String text) throws Exception {
    Reference reference = newEntry("written");

    store(reference, utf8(text));

    assertResolvesTo(reference, utf8(expectedAfterStore(text)));
  }

  @Test
  void storeReplacesValue() throws Exception {
    Reference reference = newEntry("replaced");

    store(reference, utf8("first-value-a1"));
    store(reference, utf8("second-value-b2"));

    assertResolvesTo(reference, utf8("second-value-b2"));
  }

  @Test
  void storeReplacesSeededValue() throws Exception {
    Reference reference = seed("seeded", utf8("seeded-value-c3"));

    store(reference, utf8(UNICODE));

    assertResolvesTo(reference, utf8(UNICODE));
  }

  @Test
  void deleteRemovesEntry() throws Exception {
    Reference reference = newEntry("deleted");
    store(reference, utf8("deleted-value-d4"));

    assertTrue(backend().delete(reference, context()), "first delete");
    assertFalse(backend().delete(reference, context()), "second delete");

    Map<Reference, Optional<Secret>> resolved = backend().resolve(List.of(reference), context());
    assertEquals(Optional.empty(), resolved.get(reference));
    Outcome outcome = resolveThroughResolver(List.of(reference)).get(reference);
    assertInstanceOf(Outcome.Missing.class, outcome, () -> String.valueOf(outcome));
  }

  @Test
  void deleteOfSeededEntry() throws Exception {
    Reference reference = seed("seeded", utf8("seeded-value-e5"));

    assertTrue(backend().delete(reference, context()), "first delete");

    Map<Reference, Optional<Secret>> resolved = backend().resolve(List.of(reference), context());
    assertEquals(Optional.empty(), resolved.get(reference));
  }

  /** Stores {@code value} under {@code reference} through the store under test. */
  protected final void store(Reference reference, byte[] value) throws Exception {
    recordValue(value);
    backend().store(reference, Secret.of(value), WriteOptions.DEFAULT, context());
  }
}
