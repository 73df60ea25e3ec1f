package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyrun.reference.Reference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// EnvStore only reads a map, so it has no failure case and never throws StoreException.
class EnvStoreTest {

  @TempDir Path home;

  private final Map<String, byte[]> environment = new HashMap<>();

  @Test
  void setVariableIsFound() {
    environment.put("LEGACY_TOKEN", "sk-live-abc".getBytes(UTF_8));

    Optional<Secret> value = resolve("env://LEGACY_TOKEN");

    assertArrayEquals("sk-live-abc".getBytes(UTF_8), value.orElseThrow().bytes());
  }

  @Test
  void nonUtf8BytesAreKept() {
    byte[] raw = {(byte) 0xff, (byte) 0xfe, 'a', '\n'};
    environment.put("RAW", raw);

    Optional<Secret> value = resolve("env://RAW");

    assertArrayEquals(raw, value.orElseThrow().bytes());
  }

  @Test
  void emptyVariableIsFoundEmpty() {
    environment.put("EMPTY", new byte[0]);

    Optional<Secret> value = resolve("env://EMPTY");

    assertEquals(0, value.orElseThrow().length());
  }

  @Test
  void unsetVariableIsMissing() {
    environment.put("OTHER", "x".getBytes(UTF_8));

    assertEquals(Optional.empty(), resolve("env://LEGACY_TOKEN"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a-b", "_X", "lower_case9"})
  void dottedAndDashedNamesAreValid(String name) {
    environment.put(name, "v".getBytes(UTF_8));

    assertEquals("v", resolve("env://" + name).orElseThrow().decodeUtf8());
  }

  @ParameterizedTest
  @ValueSource(strings = {"env://", "env://1TOKEN", "env://A B", "env://A=B", "env://A/B"})
  void invalidNameIsMalformed(String text) {
    Reference reference = Reference.parse(text).orElseThrow();
    List<Reference> batch = List.of(reference);

    InvalidReferenceException failure =
        assertThrows(
            InvalidReferenceException.class, () -> new EnvStore().resolve(batch, context()));

    assertEquals(text, failure.reference());
  }

  @Test
  void resolvesWholeBatch() {
    environment.put("A", "1".getBytes(UTF_8));
    environment.put("B", "2".getBytes(UTF_8));
    Reference a = Reference.parse("env://A").orElseThrow();
    Reference b = Reference.parse("env://B").orElseThrow();
    Reference c = Reference.parse("env://C").orElseThrow();

    Map<Reference, Optional<Secret>> values = new EnvStore().resolve(List.of(a, b, c), context());

    assertEquals("1", values.get(a).orElseThrow().decodeUtf8());
    assertEquals("2", values.get(b).orElseThrow().decodeUtf8());
    assertEquals(Optional.empty(), values.get(c));
  }

  @Test
  void laterEnvironmentChangeLeavesSecret() {
    byte[] raw = "abc".getBytes(UTF_8);
    environment.put("TOKEN", raw);
    Secret secret = resolve("env://TOKEN").orElseThrow();

    raw[0] = 'x';

    assertEquals("abc", secret.decodeUtf8());
  }

  private Optional<Secret> resolve(String text) {
    Reference reference = Reference.parse(text).orElseThrow();
    return new EnvStore().resolve(List.of(reference), context()).get(reference);
  }

  private StoreContext context() {
    return new StoreContext(environment, home, Instant.now().plusSeconds(30));
  }
}
