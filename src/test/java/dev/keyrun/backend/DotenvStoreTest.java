package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DotenvStoreTest {

  @TempDir Path home;
  @TempDir Path elsewhere;

  private final Map<String, byte[]> environment = new HashMap<>();

  @Test
  void defaultStoreIsUnderHome() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "API_KEY=sk-live-abc\n");

    assertEquals("sk-live-abc", text(resolve("dotenv:API_KEY")));
  }

  @Test
  void storeVariableOverridesDefault() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "API_KEY=from-home\n");
    Path configured = writeStore(elsewhere.resolve("team.env"), "API_KEY=from-variable\n");
    environment.put("KEYRUN_DOTENV_STORE", configured.toString().getBytes(UTF_8));

    assertEquals("from-variable", text(resolve("dotenv:API_KEY")));
    assertEquals(configured, DotenvStore.defaultFile(context()));
  }

  @Test
  void configHomeMovesDefaultStore() throws Exception {
    Path configHome = elsewhere.resolve("config");
    writeStore(configHome.resolve("keyrun/secrets.env"), "API_KEY=from-config-home\n");
    environment.put("XDG_CONFIG_HOME", configHome.toString().getBytes(UTF_8));

    assertEquals("from-config-home", text(resolve("dotenv:API_KEY")));
  }

  @Test
  void emptyStoreVariableMeansDefault() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "API_KEY=from-home\n");
    environment.put("KEYRUN_DOTENV_STORE", new byte[0]);

    assertEquals("from-home", text(resolve("dotenv:API_KEY")));
  }

  @Test
  void absolutePathNamesStoreFile() throws Exception {
    Path store = writeStore(elsewhere.resolve("team.env"), "API_KEY=team-value\n");

    assertEquals("team-value", text(resolve("dotenv:" + store + "#API_KEY")));
  }

  @Test
  void tildePathIsUnderContextHome() throws Exception {
    writeStore(home.resolve("team/team.env"), "API_KEY=team-value\n");

    assertEquals("team-value", text(resolve("dotenv:~/team/team.env#API_KEY")));
  }

  @Test
  void absentKeyIsMissing() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "API_KEY=sk-live-abc\n");

    assertEquals(Optional.empty(), resolve("dotenv:OTHER_KEY"));
  }

  @Test
  void manyKeysFromOneFile() throws Exception {
    Path store = writeStore(elsewhere.resolve("team.env"), "A=one\nB=two\n# comment\nC=three\n");
    List<Reference> batch = new ArrayList<>();
    for (String key : List.of("A", "B", "C", "D")) {
      batch.add(Reference.parse("dotenv:" + store + "#" + key).orElseThrow());
    }

    Map<Reference, Optional<Secret>> values = new DotenvStore().resolve(batch, context());

    assertEquals("one", text(values.get(batch.get(0))));
    assertEquals("two", text(values.get(batch.get(1))));
    assertEquals("three", text(values.get(batch.get(2))));
    assertEquals(Optional.empty(), values.get(batch.get(3)));
  }

  @Test
  void defaultAndExplicitPathShareFile() throws Exception {
    Path store = writeStore(home.resolve(".config/keyrun/secrets.env"), "A=one\nB=two\n");
    Reference byDefault = Reference.parse("dotenv:A").orElseThrow();
    Reference byPath = Reference.parse("dotenv:" + store + "#B").orElseThrow();

    Map<Reference, Optional<Secret>> values =
        new DotenvStore().resolve(List.of(byDefault, byPath), context());

    assertEquals("one", text(values.get(byDefault)));
    assertEquals("two", text(values.get(byPath)));
  }

  @Test
  void missingStoreFileFails() {
    Path store = home.resolve(".config/keyrun/secrets.env");

    StoreException failure = assertThrows(StoreException.class, () -> resolve("dotenv:API_KEY"));

    assertTrue(failure.getMessage().contains(store.toString()), failure.getMessage());
    assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    assertTrue(failure.hint().contains("KEYRUN_DOTENV_STORE"), failure.hint());
  }

  @Test
  void groupReadableStoreFails() throws Exception {
    Path store = writeStore(elsewhere.resolve("team.env"), "API_KEY=sk-live-abc\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));

    StoreException failure =
        assertThrows(StoreException.class, () -> resolve("dotenv:" + store + "#API_KEY"));

    assertTrue(failure.getMessage().contains(store.toString()), failure.getMessage());
    assertTrue(failure.getMessage().contains("0644"), failure.getMessage());
    assertTrue(failure.hint().contains("chmod 600 " + store), failure.hint());
  }

  @Test
  void symlinkedStoreIsRejected() throws Exception {
    Path target = writeStore(elsewhere.resolve("team.env"), "API_KEY=sk-live-abc\n");
    Path link = Files.createSymbolicLink(elsewhere.resolve("link.env"), target);

    StoreException failure =
        assertThrows(StoreException.class, () -> resolve("dotenv:" + link + "#API_KEY"));

    assertTrue(failure.getMessage().contains("symbolic link"), failure.getMessage());
  }

  @Test
  void syntaxErrorNamesFileAndLine() throws Exception {
    Path store =
        writeStore(
            elsewhere.resolve("team.env"), "A=one\nB=two\nTOKEN=\"sk-live-abc\"trailing-xyz\n");

    StoreException failure =
        assertThrows(StoreException.class, () -> resolve("dotenv:" + store + "#A"));

    assertTrue(failure.getMessage().contains(store + ":3:"), failure.getMessage());
    assertFalse(failure.getMessage().contains("sk-live-abc"), failure.getMessage());
    assertFalse(failure.getMessage().contains("trailing-xyz"), failure.getMessage());
    assertFalse(failure.hint().contains("sk-live-abc"), failure.hint());
  }

  @Test
  void invalidUtf8StoreFails() throws Exception {
    Path store = elsewhere.resolve("team.env");
    Files.write(store, new byte[] {'A', '=', (byte) 0xff, '\n'});
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));

    StoreException failure =
        assertThrows(StoreException.class, () -> resolve("dotenv:" + store + "#A"));

    assertTrue(failure.getMessage().contains(store.toString()), failure.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"op://vault/item/field", "env://HOME", "dotenv:OTHER", "file:///etc/passwd"})
  void referenceLookingValueIsLiteral(String value) throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "OTHER=x\nTOKEN=" + value + "\n");

    assertEquals(value, text(resolve("dotenv:TOKEN")));
  }

  @Test
  void expansionUsesEarlierStoreLines() throws Exception {
    writeStore(
        home.resolve(".config/keyrun/secrets.env"),
        "DB_USER=app\nDB_PASS=pw\nURL=postgres://${DB_USER}:${DB_PASS}@db/app\n");

    assertEquals("postgres://app:pw@db/app", text(resolve("dotenv:URL")));
  }

  @Test
  void expansionIgnoresEnvironment() throws Exception {
    environment.put("DB_PASS", "from-environment".getBytes(UTF_8));
    writeStore(home.resolve(".config/keyrun/secrets.env"), "URL=db:${DB_PASS:-none}\n");

    assertEquals("db:none", text(resolve("dotenv:URL")));
  }

  @Test
  void environmentOnlyVariableFailsStore() throws Exception {
    environment.put("DB_PASS", "from-environment".getBytes(UTF_8));
    Path store = writeStore(home.resolve(".config/keyrun/secrets.env"), "URL=db:${DB_PASS}\n");

    StoreException failure = assertThrows(StoreException.class, () -> resolve("dotenv:URL"));

    assertTrue(failure.getMessage().contains(store + ":1:"), failure.getMessage());
    assertTrue(failure.getMessage().contains("${DB_PASS}"), failure.getMessage());
    assertFalse(failure.getMessage().contains("from-environment"), failure.getMessage());
  }

  @Test
  void laterStoreLineIsUndefined() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "URL=db:${DB_PASS}\nDB_PASS=pw\n");

    assertThrows(StoreException.class, () -> resolve("dotenv:URL"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dotenv:",
        "dotenv:1KEY",
        "dotenv:API KEY",
        "dotenv:/etc/team.env#",
        "dotenv:team.env#API_KEY",
        "dotenv:./team.env#API_KEY"
      })
  void malformedReferenceIsRejected(String text) {
    InvalidReferenceException failure =
        assertThrows(InvalidReferenceException.class, () -> resolve(text));

    assertEquals(text, failure.reference());
  }

  @Test
  void brokenStoreFileFailsOnlyItsOwnKeys() throws Exception {
    writeStore(home.resolve(".config/keyrun/secrets.env"), "API_KEY=from-home\n");
    Reference good = Reference.parse("dotenv:API_KEY").orElseThrow();
    Reference broken =
        Reference.parse("dotenv:" + elsewhere.resolve("missing.env") + "#B").orElseThrow();

    List<Outcome> outcomes =
        BatchCall.run(new DotenvStore(), new ArrayList<>(List.of(broken, good)), context());

    assertEquals(2, outcomes.size());
    Outcome.Failed failed = (Outcome.Failed) outcomes.get(0);
    assertEquals(broken, failed.reference());
    assertTrue(failed.problem().contains("missing.env"), failed.problem());
    Outcome.Found found = (Outcome.Found) outcomes.get(1);
    assertEquals("from-home", found.secret().decodeUtf8());
  }

  private Optional<Secret> resolve(String text) throws StoreException {
    Reference reference = Reference.parse(text).orElseThrow();
    return new DotenvStore().resolve(List.of(reference), context()).get(reference);
  }

  private StoreContext context() {
    return new StoreContext(environment, home, Instant.now().plusSeconds(30));
  }

  private static String text(Optional<Secret> value) {
    return value.orElseThrow().decodeUtf8();
  }

  private static Path writeStore(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
