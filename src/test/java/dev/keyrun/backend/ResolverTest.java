package dev.keyrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String SECRET_TEXT = "sk-live-abc";

  @TempDir Path home;

  @Test
  void eachBackendIsCalledOnce() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, ResolverTest::valueOfBody);
    TestBackend file = new TestBackend("file test", Scheme.FILE, ResolverTest::valueOfBody);
    List<Reference> references =
        references("env://A", "file:///x", "env://B", "env://C", "file:///y");

    Map<Reference, Outcome> outcomes = resolve(BackendRegistry.of(env, file), references);

    assertEquals(1, env.calls.size());
    assertEquals(1, file.calls.size());
    assertEquals(references("env://A", "env://B", "env://C"), env.calls.get(0));
    assertEquals(references("file:///x", "file:///y"), file.calls.get(0));
    assertEquals(5, outcomes.size());
  }

  @Test
  void foundValueIsReturned() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, ResolverTest::valueOfBody);
    Reference reference = reference("env://A");

    Outcome outcome = resolve(BackendRegistry.of(env), List.of(reference)).get(reference);

    Outcome.Found found = assertInstanceOf(Outcome.Found.class, outcome);
    assertEquals("value of A", found.secret().decodeUtf8());
  }

  @Test
  void absentValueIsMissing() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, references -> Map.of());
    Reference reference = reference("env://A");

    Outcome outcome = resolve(BackendRegistry.of(env), List.of(reference)).get(reference);

    Outcome.Missing missing = assertInstanceOf(Outcome.Missing.class, outcome);
    assertEquals("env test", missing.store());
    assertEquals("hint of env test", missing.hint());
  }

  @Test
  void backendsRunInParallel() {
    CountDownLatch started = new CountDownLatch(2);
    List<Boolean> sawOtherStart = Collections.synchronizedList(new ArrayList<>());
    BatchHandler waitForOther =
        references -> {
          started.countDown();
          sawOtherStart.add(started.await(10, TimeUnit.SECONDS));
          Thread.sleep(300);
          return valueOfBody(references);
        };
    TestBackend env = new TestBackend("env test", Scheme.ENV, waitForOther);
    TestBackend file = new TestBackend("file test", Scheme.FILE, waitForOther);

    Map<Reference, Outcome> outcomes =
        resolve(BackendRegistry.of(env, file), references("env://A", "file:///x"));

    assertEquals(List.of(true, true), sawOtherStart);
    assertNotEquals(env.threads.get(0), file.threads.get(0));
    assertNotEquals(Thread.currentThread().getName(), env.threads.get(0));
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("env://A")));
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("file:///x")));
  }

  @Test
  void hangingBackendTimesOut() {
    CountDownLatch release = new CountDownLatch(1);
    TestBackend hanging =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              release.await();
              return valueOfBody(references);
            });
    TestBackend file = new TestBackend("file test", Scheme.FILE, ResolverTest::valueOfBody);
    List<Reference> references = references("env://A", "env://B", "file:///x");

    Map<Reference, Outcome> outcomes;
    try {
      outcomes =
          new Resolver(BackendRegistry.of(hanging, file))
              .resolve(references, context(), Duration.ofMillis(200));
    } finally {
      release.countDown();
    }

    for (String text : List.of("env://A", "env://B")) {
      Outcome.Failed failed =
          assertInstanceOf(Outcome.Failed.class, outcomes.get(reference(text)), text);
      assertEquals("env test", failed.store());
      assertTrue(failed.problem().contains("timed out"), failed.problem());
      assertTrue(failed.hint().contains("--timeout"), failed.hint());
    }
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("file:///x")));
  }

  @Test
  void schemeWithoutBackendFails() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, ResolverTest::valueOfBody);
    Reference reference = reference("op://vault/item/field");

    Outcome outcome = resolve(BackendRegistry.of(env), List.of(reference)).get(reference);

    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
    assertTrue(failed.problem().contains("op://"), failed.problem());
    assertTrue(failed.hint().contains("env://"), failed.hint());
  }

  @Test
  void storeFailureFailsOnlyItsBackend() {
    TestBackend locked =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              throw new StoreException("vault is locked", "unlock the vault");
            });
    TestBackend file = new TestBackend("file test", Scheme.FILE, ResolverTest::valueOfBody);

    Map<Reference, Outcome> outcomes =
        resolve(BackendRegistry.of(locked, file), references("env://A", "env://B", "file:///x"));

    for (String text : List.of("env://A", "env://B")) {
      Outcome.Failed failed =
          assertInstanceOf(Outcome.Failed.class, outcomes.get(reference(text)), text);
      assertEquals("vault is locked", failed.problem());
      assertEquals("unlock the vault", failed.hint());
    }
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("file:///x")));
  }

  @Test
  void invalidReferenceFailsOnlyItself() {
    TestBackend env =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              for (Reference reference : references) {
                if (reference.body().startsWith("bad")) {
                  throw new InvalidReferenceException(reference, "invalid name", "env://NAME");
                }
              }
              return valueOfBody(references);
            });

    Map<Reference, Outcome> outcomes =
        resolve(BackendRegistry.of(env), references("env://A", "env://bad one", "env://B"));

    Outcome.Failed failed =
        assertInstanceOf(Outcome.Failed.class, outcomes.get(reference("env://bad one")));
    assertEquals("invalid name", failed.problem());
    assertEquals("expected env://NAME", failed.hint());
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("env://A")));
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("env://B")));
  }

  @Test
  void outcomesKeepGivenOrder() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, ResolverTest::valueOfBody);
    TestBackend file = new TestBackend("file test", Scheme.FILE, ResolverTest::valueOfBody);
    List<Reference> references =
        references("file:///z", "env://B", "op://v/i/f", "env://A", "file:///y");

    Map<Reference, Outcome> outcomes = resolve(BackendRegistry.of(env, file), references);

    assertEquals(references, new ArrayList<>(outcomes.keySet()));
    outcomes.forEach((reference, outcome) -> assertEquals(reference, outcome.reference()));
  }

  @Test
  void duplicateReferencesCollapse() {
    TestBackend env = new TestBackend("env test", Scheme.ENV, ResolverTest::valueOfBody);
    List<Reference> references = references("env://B", "env://A", "env://B", "env://A");

    Map<Reference, Outcome> outcomes = resolve(BackendRegistry.of(env), references);

    assertEquals(references("env://B", "env://A"), new ArrayList<>(outcomes.keySet()));
    assertEquals(references("env://B", "env://A"), env.calls.get(0));
  }

  @Test
  void runtimeExceptionMessageStaysHidden() {
    TestBackend leaky =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              throw new IllegalStateException("could not parse " + SECRET_TEXT);
            });

    Map<Reference, Outcome> outcomes =
        resolve(BackendRegistry.of(leaky), references("env://A", "env://B"));

    for (Outcome outcome : outcomes.values()) {
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
      assertFalse(failed.problem().contains(SECRET_TEXT), failed.problem());
      assertTrue(failed.hint() == null || !failed.hint().contains(SECRET_TEXT), failed.hint());
    }
  }

  @Test
  void errorInBackendFailsWithoutTimeout() {
    TestBackend broken =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              throw new AssertionError("unexpected value " + SECRET_TEXT);
            });
    TestBackend file = new TestBackend("file test", Scheme.FILE, ResolverTest::valueOfBody);

    Map<Reference, Outcome> outcomes =
        resolve(BackendRegistry.of(broken, file), references("env://A", "file:///x"));

    Outcome.Failed failed =
        assertInstanceOf(Outcome.Failed.class, outcomes.get(reference("env://A")));
    assertFalse(failed.problem().contains("timed out"), failed.problem());
    assertFalse(failed.problem().contains(SECRET_TEXT), failed.problem());
    assertTrue(failed.hint() == null || !failed.hint().contains(SECRET_TEXT), failed.hint());
    assertInstanceOf(Outcome.Found.class, outcomes.get(reference("file:///x")));
  }

  @Test
  void rejectingUnknownReferenceFailsBatch() {
    TestBackend confused =
        new TestBackend(
            "env test",
            Scheme.ENV,
            references -> {
              throw new InvalidReferenceException(reference("env://OTHER"), "invalid", "x");
            });

    Map<Reference, Outcome> outcomes = resolve(BackendRegistry.of(confused), references("env://A"));

    Outcome.Failed failed =
        assertInstanceOf(Outcome.Failed.class, outcomes.get(reference("env://A")));
    assertFalse(failed.problem().contains("timed out"), failed.problem());
  }

  @Test
  void emptyRequestNeedsNoBackend() {
    Map<Reference, Outcome> outcomes = resolve(BackendRegistry.of(), List.of());

    assertTrue(outcomes.isEmpty());
  }

  private Map<Reference, Outcome> resolve(BackendRegistry registry, List<Reference> references) {
    return new Resolver(registry).resolve(references, context(), TIMEOUT);
  }

  private StoreContext context() {
    return new StoreContext(Map.of(), home, Instant.now().plus(TIMEOUT));
  }

  private static Reference reference(String text) {
    return Reference.parse(text).orElseThrow();
  }

  private static List<Reference> references(String... texts) {
    List<Reference> references = new ArrayList<>();
    for (String text : texts) {
      references.add(reference(text));
    }
    return references;
  }

  private static Map<Reference, Optional<Secret>> valueOfBody(List<Reference> references) {
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      values.put(reference, Optional.of(Secret.ofUtf8("value of " + reference.body())));
    }
    return values;
  }

  /** What a {@link TestBackend} does with the references of one call. */
  @FunctionalInterface
  private interface BatchHandler {
    Map<Reference, Optional<Secret>> apply(List<Reference> references) throws Exception;
  }

  /** A backend for one scheme that records each call and the thread it ran on. */
  private static final class TestBackend implements Backend {
    final List<List<Reference>> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    private final StoreInfo info;
    private final BatchHandler handler;

    TestBackend(String name, Scheme scheme, BatchHandler handler) {
      this.info =
          new StoreInfo(
              name, List.of(scheme), "a test store", scheme.prefix() + "x", "hint of " + name);
      this.handler = handler;
    }

    @Override
    public StoreInfo info() {
      return info;
    }

    @Override
    public Map<Reference, Optional<Secret>> resolve(
        List<Reference> references, StoreContext context) throws StoreException {
      calls.add(List.copyOf(references));
      threads.add(Thread.currentThread().getName());
      try {
        return handler.apply(references);
      } catch (StoreException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
