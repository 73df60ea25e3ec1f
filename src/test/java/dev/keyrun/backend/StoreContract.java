package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour that the rest of keyrun relies on from every store: exact bytes for any text value,
 * an empty result for an absent entry, a {@link StoreException} when the store itself fails, many
 * references in one call and from several threads at once, and no value in any message or {@code
 * toString}. One subclass per store supplies the store, a context for it, and ways to seed an entry
 * without going through keyrun and to make the store fail.
 */
public abstract class StoreContract {
  /**
   * The deadline of each resolution. It only stops a hanging store from hanging the build, so it is
   * far above any normal duration, and no test checks how long anything took.
   */
  protected static final Duration TIMEOUT = Duration.ofMinutes(2);

  protected static final String PLAIN = "plain-ascii-value-42";
  protected static final String UNICODE = "café ü ✓ 🔑";
  protected static final String MULTI_LINE =
      "line1\nline2\n\tindented \"quoted\" 'single' $HOME ${X}";
  protected static final String TRAILING_NEWLINE = "value\n";

  /** A printable value that looks like the hex form in which {@code security -w} prints others. */
  protected static final String HEX_DIGITS = "deadbeef0123";

  protected static final int LARGE_SIZE = 64 * 1024;
  protected static final int BATCH_SIZE = 20;
  protected static final int THREADS = 4;

  /** Every value that this test seeded or stored. None of them may appear in a message. */
  private final List<byte[]> values = Collections.synchronizedList(new ArrayList<>());

  /** Returns the store under test. */
  protected abstract Backend backend();

  /** Returns a context for the store with a deadline {@link #TIMEOUT} from now. */
  protected abstract StoreContext context() throws Exception;

  /**
   * Creates an entry with exactly {@code value} without calling keyrun, and returns its reference.
   *
   * @param name a lower-case word, unique within the test, from which to make the entry's key
   */
  protected abstract Reference seedEntry(String name, byte[] value) throws Exception;

  /** Returns a reference to an entry the store does not have, in a store that otherwise works. */
  protected abstract Reference absent() throws Exception;

  /** Returns text that the store's description of the missing entry {@code absent} contains. */
  protected abstract String missingText(Reference absent);

  /** Makes the store fail while it has the entry {@code seeded}, whose value is {@code value}. */
  protected abstract Failure failure(Reference seeded, byte[] value) throws Exception;

  /** Tells whether a value that ends with a newline resolves with that newline. */
  protected abstract boolean keepsTrailingNewline();

  /**
   * Checks what the store leaves outside itself, such as the arguments of the programs it ran, for
   * {@code values}. Stores that run no program have nothing to check.
   */
  protected void assertValuesNotExposed(List<byte[]> values) throws Exception {}

  /** How the store fails in {@link #brokenStoreFails()}. */
  public sealed interface Failure {

    /**
     * Resolving {@code reference} in {@code context} fails. The problem contains {@code
     * problemText} and the hint contains {@code hintText}.
     */
    record InProcess(Reference reference, StoreContext context, String problemText, String hintText)
        implements Failure {}

    /**
     * keyrun, run as a child process because the failure cannot be set up in the test JVM, exited
     * with {@code status} and wrote {@code stderr}, which contains {@code problemText} and {@code
     * hintText}.
     */
    record InChildProcess(int status, String stderr, String problemText, String hintText)
        implements Failure {}

    /** The store cannot fail, for {@code reason}. */
    record Impossible(String reason) implements Failure {}
  }

  @Test
  void plainValueResolves() throws Exception {
    assertSeededValueResolves("plain", utf8(PLAIN), utf8(PLAIN));
  }

  @Test
  void absentEntryIsEmpty() throws Exception {
    seed("neighbour", utf8("neighbour-value-5c1e"));
    Reference reference = absent();

    Map<Reference, Optional<Secret>> resolved = backend().resolve(List.of(reference), context());

    assertTrue(resolved.containsKey(reference), () -> "no entry for " + reference);
    assertEquals(Optional.empty(), resolved.get(reference));

    Outcome outcome = resolveThroughResolver(List.of(reference)).get(reference);
    Outcome.Missing missing =
        assertInstanceOf(Outcome.Missing.class, outcome, () -> String.valueOf(outcome));
    assertEquals(backend().nameIn(context()), missing.store());
    assertTrue(missing.problem().startsWith("not found"), missing.problem());
    assertTrue(missing.problem().contains(missingText(reference)), missing.problem());
    assertNotNull(missing.hint());
    assertFalse(missing.hint().isBlank());
    assertNoValueIn(missing.problem());
    assertNoValueIn(missing.hint());
    assertNoValueIn(missing.toString());
  }

  @Test
  void brokenStoreFails() throws Exception {
    byte[] value = utf8("value-of-a-failing-store-3e9d");
    Reference seeded = seed("failing", value);

    Failure failure = failure(seeded, value);

    if (failure instanceof Failure.Impossible impossible) {
      Assumptions.abort(impossible.reason());
    } else if (failure instanceof Failure.InProcess inProcess) {
      assertFailsInProcess(inProcess);
    } else if (failure instanceof Failure.InChildProcess child) {
      assertFailedInChildProcess(child);
    }
  }

  @Test
  void unicodeValueResolves() throws Exception {
    assertSeededValueResolves("unicode", utf8(UNICODE), utf8(UNICODE));
  }

  @Test
  void multiLineValueResolves() throws Exception {
    assertSeededValueResolves("multiline", utf8(MULTI_LINE), utf8(MULTI_LINE));
  }

  @Test
  void trailingNewlineResolves() throws Exception {
    assertSeededValueResolves(
        "newline", utf8(TRAILING_NEWLINE), utf8(expectedAfterStore(TRAILING_NEWLINE)));
  }

  @Test
  void hexDigitsValueResolves() throws Exception {
    assertSeededValueResolves("hexdigits", utf8(HEX_DIGITS), utf8(HEX_DIGITS));
  }

  @Test
  void largeValueResolves() throws Exception {
    byte[] value = textOfSize(LARGE_SIZE);

    assertSeededValueResolves("large", value, value);
  }

  @Test
  void twentyReferencesInOneCall() throws Exception {
    Map<Reference, byte[]> entries = seedBatch();
    List<Reference> references = List.copyOf(entries.keySet());

    Map<Reference, Optional<Secret>> resolved = backend().resolve(references, context());

    assertEquals(entries.keySet(), resolved.keySet());
    for (Map.Entry<Reference, byte[]> entry : entries.entrySet()) {
      Reference reference = entry.getKey();
      Secret secret = resolved.get(reference).orElseThrow(() -> emptyResult(reference));
      assertArrayEquals(entry.getValue(), secret.bytes(), () -> reference + " resolved wrongly");
    }
    assertNoValueIn(resolved.toString());

    CountingBackend counting = new CountingBackend(backend());
    Map<Reference, Outcome> outcomes =
        new Resolver(BackendRegistry.of(counting)).resolve(references, context(), TIMEOUT);
    assertEquals(List.of(BATCH_SIZE), counting.batchSizes);
    assertFound(entries, outcomes);
  }

  @Test
  void absentEntryInBatch() throws Exception {
    byte[] first = utf8("first-of-batch-81");
    byte[] second = utf8("second-of-batch-82");
    Reference firstReference = seed("first", first);
    Reference secondReference = seed("second", second);
    Reference absent = absent();

    Map<Reference, Optional<Secret>> resolved =
        backend().resolve(List.of(firstReference, absent, secondReference), context());

    assertArrayEquals(first, resolved.get(firstReference).orElseThrow().bytes());
    assertEquals(Optional.empty(), resolved.get(absent));
    assertArrayEquals(second, resolved.get(secondReference).orElseThrow().bytes());
  }

  @Test
  void twentyReferencesFromFourThreads() throws Exception {
    Map<Reference, byte[]> entries = seedBatch();
    List<Reference> references = List.copyOf(entries.keySet());
    List<StoreContext> contexts = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      contexts.add(context());
    }

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Map<Reference, Outcome>>> running = new ArrayList<>();
    try {
      for (StoreContext context : contexts) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  return new Resolver(BackendRegistry.of(backend()))
                      .resolve(references, context, TIMEOUT);
                }));
      }
      start.countDown();
      for (Future<Map<Reference, Outcome>> result : running) {
        // The Resolver returns by its own deadline, TIMEOUT, so this longer bound only stops a
        // hang.
        assertFound(entries, result.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Seeds an entry through {@link #seedEntry} and records its value as one that no message may
   * contain.
   */
  protected final Reference seed(String name, byte[] value) throws Exception {
    values.add(value.clone());
    return seedEntry(name, value);
  }

  /** Records {@code value} as one that no message may contain, for values that tests store. */
  protected final void recordValue(byte[] value) {
    values.add(value.clone());
  }

  /** Returns the value a store gives back for {@code text}, by {@link #keepsTrailingNewline()}. */
  protected final String expectedAfterStore(String text) {
    if (keepsTrailingNewline() || !text.endsWith("\n")) {
      return text;
    }
    return text.substring(0, text.length() - 1);
  }

  protected final Map<Reference, Outcome> resolveThroughResolver(List<Reference> references)
      throws Exception {
    return new Resolver(BackendRegistry.of(backend())).resolve(references, context(), TIMEOUT);
  }

  /**
   * Checks that {@code reference} resolves to {@code expected}, directly and through a Resolver.
   */
  protected final void assertResolvesTo(Reference reference, byte[] expected) throws Exception {
    Map<Reference, Optional<Secret>> resolved = backend().resolve(List.of(reference), context());

    assertEquals(Set.of(reference), resolved.keySet());
    Secret secret = resolved.get(reference).orElseThrow(() -> emptyResult(reference));
    assertArrayEquals(expected, secret.bytes(), () -> reference + " resolved to other bytes");
    assertNoValueIn(resolved.toString());

    Outcome outcome = resolveThroughResolver(List.of(reference)).get(reference);
    Outcome.Found found =
        assertInstanceOf(Outcome.Found.class, outcome, () -> String.valueOf(outcome));
    assertArrayEquals(expected, found.secret().bytes(), () -> reference + " resolved wrongly");
    assertNoValueIn(found.toString());
  }

  /** Fails when {@code text} contains a value of this test as text or as hex. */
  protected final void assertNoValueIn(String text) {
    if (text == null) {
      return;
    }
    List<byte[]> snapshot;
    synchronized (values) {
      snapshot = List.copyOf(values);
    }
    for (byte[] value : snapshot) {
      for (String form : forms(value)) {
        assertFalse(text.contains(form), () -> "a value of this test appears in: " + text);
      }
    }
  }

  /** Returns the forms in which a value could leak: its text and its hex in either case. */
  protected static List<String> forms(byte[] value) {
    String hex = HexFormat.of().formatHex(value);
    return List.of(new String(value, UTF_8), hex, hex.toUpperCase(Locale.ROOT));
  }

  protected static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  /**
   * Returns UTF-8 text of exactly {@code size} bytes: numbered lines that mix ASCII with two-,
   * three- and four-byte characters, padded with ASCII at the end.
   */
  protected static byte[] textOfSize(int size) {
    ByteArrayOutputStream text = new ByteArrayOutputStream(size);
    for (int line = 0; ; line++) {
      byte[] next = utf8(String.format("%05d café ü ✓ 🔑 \"q\" 's' $V\t;\n", line));
      if (text.size() + next.length > size) {
        break;
      }
      text.writeBytes(next);
    }
    while (text.size() < size) {
      text.write('x');
    }
    return text.toByteArray();
  }

  /**
   * Returns the test JVM's environment as bytes, the form a store context takes, without the
   * variables that choose or configure stores ({@code KEYRUN_*}) and the fake security's switches.
   */
  protected static Map<String, byte[]> inheritedEnvironment() {
    Map<String, byte[]> environment = new HashMap<>();
    System.getenv()
        .forEach(
            (name, value) -> {
              if (!name.startsWith("KEYRUN_") && !name.startsWith("FAKE_SECURITY_")) {
                environment.put(name, utf8(value));
              }
            });
    return environment;
  }

  /** Returns the deadline of a context created now. */
  protected static Instant deadline() {
    return Instant.now().plus(TIMEOUT);
  }

  @AfterEach
  void checkValuesNotExposed() throws Exception {
    List<byte[]> snapshot;
    synchronized (values) {
      snapshot = List.copyOf(values);
    }
    assertValuesNotExposed(snapshot);
  }

  private void assertSeededValueResolves(String name, byte[] value, byte[] expected)
      throws Exception {
    Reference reference = seed(name, value);

    assertResolvesTo(reference, expected);
  }

  /**
   * Seeds {@link #BATCH_SIZE} entries, half of them ASCII and half with multi-byte characters, and
   * returns them in order.
   */
  private Map<Reference, byte[]> seedBatch() throws Exception {
    Map<Reference, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < BATCH_SIZE; i++) {
      String text = i % 2 == 0 ? "batch-value-" + i : "batch ✓ " + i + " ü".repeat(i);
      byte[] value = utf8(text);
      entries.put(seed(String.format("batch%02d", i), value), value);
    }
    return entries;
  }

  private void assertFound(Map<Reference, byte[]> entries, Map<Reference, Outcome> outcomes) {
    assertEquals(entries.keySet(), outcomes.keySet());
    for (Map.Entry<Reference, byte[]> entry : entries.entrySet()) {
      Outcome outcome = outcomes.get(entry.getKey());
      Outcome.Found found =
          assertInstanceOf(Outcome.Found.class, outcome, () -> String.valueOf(outcome));
      assertArrayEquals(
          entry.getValue(), found.secret().bytes(), () -> entry.getKey() + " resolved wrongly");
      assertNoValueIn(found.toString());
    }
  }

  private void assertFailsInProcess(Failure.InProcess failure) throws Exception {
    Reference reference = failure.reference();

    StoreException exception =
        assertThrows(
            StoreException.class,
            () -> backend().resolve(List.of(reference), failure.context()),
            () -> reference + " resolved although the store was made to fail");

    assertTrue(exception.getMessage().contains(failure.problemText()), exception::getMessage);
    assertNotNull(exception.hint(), () -> "no hint for: " + exception.getMessage());
    assertTrue(exception.hint().contains(failure.hintText()), exception::hint);
    assertFalse(exception.getMessage().contains("not found"), exception::getMessage);
    assertNoValueIn(exception.getMessage());
    assertNoValueIn(exception.hint());
    assertNoValueIn(exception.toString());

    Outcome outcome =
        new Resolver(BackendRegistry.of(backend()))
            .resolve(List.of(reference), failure.context(), TIMEOUT)
            .get(reference);
    Outcome.Failed failed =
        assertInstanceOf(Outcome.Failed.class, outcome, () -> String.valueOf(outcome));
    assertEquals(backend().nameIn(failure.context()), failed.store());
    assertEquals(exception.getMessage(), failed.problem());
    assertEquals(exception.hint(), failed.hint());
    assertNoValueIn(failed.toString());
  }

  private void assertFailedInChildProcess(Failure.InChildProcess failure) {
    String stderr = failure.stderr();

    assertEquals(125, failure.status(), stderr);
    assertTrue(stderr.contains(failure.problemText()), stderr);
    assertTrue(stderr.contains("keyrun: hint: "), stderr);
    assertTrue(stderr.contains(failure.hintText()), stderr);
    assertFalse(stderr.contains("not found"), stderr);
    assertNoValueIn(stderr);
  }

  private static AssertionError emptyResult(Reference reference) {
    return new AssertionError(reference + " resolved to empty");
  }

  /** Passes every call on to a store and records the size of each batch it was given. */
  private static final class CountingBackend implements Backend {
    private final Backend store;
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    CountingBackend(Backend store) {
      this.store = store;
    }

    @Override
    public StoreInfo info() {
      return store.info();
    }

    @Override
    public Map<Reference, Optional<Secret>> resolve(
        List<Reference> references, StoreContext context) throws StoreException {
      batchSizes.add(references.size());
      return store.resolve(references, context);
    }

    @Override
    public String describeMissing(Reference reference, StoreContext context) {
      return store.describeMissing(reference, context);
    }
  }
}
