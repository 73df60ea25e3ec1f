package dev.keyrun.backend.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where {@code systemd-creds://} looks, in which order, and how it decrypts, with the real {@code
 * systemd-creds} and a host key of the test's own ({@code SYSTEMD_CREDENTIAL_SECRET}).
 */
class SystemdCredsStoreTest {
  private static final byte[] VALUE = "line one\nü 🔑\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;

  private final SystemdCredsStore store = new SystemdCredsStore();
  private final Map<String, String> environment = new HashMap<>();

  private StoreContext context() {
    Map<String, byte[]> bytes = new HashMap<>(System.getenv().size());
    System.getenv().forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    bytes.remove("CREDENTIALS_DIRECTORY");
    environment.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return new StoreContext(bytes, directory, Instant.now().plusSeconds(20));
  }

  private Optional<Secret> resolve(String name) throws StoreException {
    Reference reference = new Reference(Scheme.SYSTEMD_CREDS, name);
    return store.resolve(List.of(reference), context()).get(reference);
  }

  private Path directory(String name) throws Exception {
    return Files.createDirectories(directory.resolve(name));
  }

  private void useStores(Path... stores) {
    StringBuilder path = new StringBuilder();
    for (Path store : stores) {
      path.append(path.length() == 0 ? "" : ":").append(store);
    }
    environment.put("KEYRUN_CREDSTORE_PATH", path.toString());
  }

  private void encrypt(String name, byte[] value, Path file) throws Exception {
    environment.put("SYSTEMD_CREDENTIAL_SECRET", directory.resolve("host.secret").toString());
    ProcessBuilder builder =
        new ProcessBuilder(
            "systemd-creds", "encrypt", "--with-key=host", "--name=" + name, "-", file.toString());
    builder.environment().putAll(environment);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().write(value);
    process.getOutputStream().close();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), "systemd-creds encrypt failed");
  }

  @Test
  void unitDirectoryComesFirst() throws Exception {
    Path unit = directory("unit");
    Path plain = directory("credstore");
    Files.write(unit.resolve("api"), "from-unit".getBytes(StandardCharsets.UTF_8));
    Files.write(plain.resolve("api"), "from-store".getBytes(StandardCharsets.UTF_8));
    environment.put("CREDENTIALS_DIRECTORY", unit.toString());
    useStores(plain);

    assertEquals("from-unit", resolve("api").orElseThrow().decodeUtf8());
  }

  @Test
  void credstoreWhenUnitLacksIt() throws Exception {
    Path plain = directory("credstore");
    Files.write(plain.resolve("api"), VALUE);
    environment.put("CREDENTIALS_DIRECTORY", directory("unit").toString());
    useStores(plain);

    assertArrayEquals(VALUE, resolve("api").orElseThrow().bytes());
  }

  @Test
  void encryptedStoreIsDecrypted() throws Exception {
    Path encrypted = directory("credstore.encrypted");
    encrypt("db", VALUE, encrypted.resolve("db"));
    useStores(directory("credstore"), encrypted);

    assertArrayEquals(VALUE, resolve("db").orElseThrow().bytes());
  }

  @Test
  void renamedCiphertextIsRejected() throws Exception {
    Path encrypted = directory("credstore.encrypted");
    encrypt("db", VALUE, encrypted.resolve("other"));
    useStores(encrypted);

    StoreException failure = assertThrows(StoreException.class, () -> resolve("other"));

    assertTrue(failure.getMessage().contains("cannot decrypt"), failure.getMessage());
    assertTrue(failure.getMessage().contains("does not match"), failure.getMessage());
  }

  @Test
  void emptyCredentialIsEmpty() throws Exception {
    Path unit = directory("unit");
    Files.write(unit.resolve("empty"), new byte[0]);
    environment.put("CREDENTIALS_DIRECTORY", unit.toString());
    useStores(directory("credstore"));

    assertEquals(0, resolve("empty").orElseThrow().length());
  }

  @Test
  void missingNamesWhereItLooked() throws Exception {
    Path plain = directory("credstore");
    useStores(plain);
    Reference reference = new Reference(Scheme.SYSTEMD_CREDS, "absent");

    assertEquals(Optional.empty(), resolve("absent"));
    String problem = store.describeMissing(reference, context());
    assertTrue(problem.contains("CREDENTIALS_DIRECTORY is not set"), problem);
    assertTrue(problem.contains(plain.toString()), problem);
    assertTrue(store.missingHint(reference).contains("ExecStop="), store.missingHint(reference));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "../etc/passwd", "a:b", "tab\there", "é"})
  void invalidNameIsRejected(String name) {
    useStores(directory.resolve("credstore"));

    assertThrows(InvalidReferenceException.class, () -> resolve(name));
  }

  @Test
  void nameLengthLimit() throws Exception {
    useStores(directory("credstore"));

    assertEquals(Optional.empty(), resolve("n".repeat(255)));
    assertThrows(InvalidReferenceException.class, () -> resolve("n".repeat(256)));
  }

  @Test
  void relativeCredstoreIsRejected() {
    environment.put("KEYRUN_CREDSTORE_PATH", "relative/store");

    StoreException failure = assertThrows(StoreException.class, () -> resolve("api"));

    assertFalse(failure.getMessage().isEmpty());
    assertTrue(failure.getMessage().contains("relative"), failure.getMessage());
  }
}
