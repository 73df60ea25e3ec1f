package dev.keyrun.backend.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WritableStoreContract;
import dev.keyrun.backend.keychain.KeychainStore;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keychain://SERVICE/ACCOUNT} against the fake {@code security} in {@code src/test/fakes},
 * whose items live in a temporary directory per test. The test seeds items by running the fake
 * itself, and reads the fake's argument log to check that keyrun never passed a value as an
 * argument.
 */
class KeychainStoreContractTest extends WritableStoreContract {
  private static final Path FAKE = Path.of("src/test/fakes/security").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "contract";

  /** Linux's limit on the length of one argument (MAX_ARG_STRLEN), terminating NUL included. */
  private static final int MAX_ARGUMENT_BYTES = 128 * 1024;

  private final KeychainStore store = new KeychainStore();

  @TempDir Path directory;

  /** Returns the scheme of the references under test. */
  Scheme scheme() {
    return Scheme.KEYCHAIN;
  }

  /** Returns variables that the context adds to choose the store. */
  Map<String, String> storeSettings() {
    return Map.of();
  }

  private Path database() {
    return directory.resolve("keychain");
  }

  private Path argumentLog() {
    return directory.resolve("security-arguments.log");
  }

  @Override
  protected WritableBackend backend() {
    return store;
  }

  @Override
  protected StoreContext context() {
    return contextWith(Map.of());
  }

  @Override
  protected Reference seedEntry(String name, byte[] value) throws Exception {
    String service = service(name);
    String hex = HexFormat.of().formatHex(value);
    if (hex.length() < MAX_ARGUMENT_BYTES) {
      runFake("add-generic-password", "-s", service, "-a", ACCOUNT, "-X", hex);
    } else {
      // The hex does not fit in one argument, so the fake stores a placeholder, and the test then
      // writes the value into the item's password file, which contains the raw bytes.
      runFake("add-generic-password", "-s", service, "-a", ACCOUNT, "-X", "00");
      Files.write(passwordFile(service), value);
    }
    return reference(service);
  }

  @Override
  protected Reference absent() {
    return reference(service("absent"));
  }

  @Override
  protected String missingText(Reference absent) {
    return "(no generic password with service \""
        + ServiceAccount.of(absent).service()
        + "\" and account \""
        + ACCOUNT
        + "\")";
  }

  @Override
  protected Failure failure(Reference seeded, byte[] value) {
    return new Failure.InProcess(
        seeded,
        contextWith(Map.of("FAKE_SECURITY_LOCKED", "1")),
        "the login keychain is locked",
        "security unlock-keychain");
  }

  /**
   * {@code security -w} prints a value that contains a newline as hex, which keyrun decodes, so the
   * newline that the tool appends is the only one removed.
   */
  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  @Override
  protected Reference newEntry(String name) {
    return reference(service(name));
  }

  /**
   * Fails when a value appears, as text or hex, in the arguments of any run of the fake that keyrun
   * made. The test's own seeding runs without the log, because it passes values with {@code -X}.
   */
  @Override
  protected void assertValuesNotExposed(List<byte[]> values) throws IOException {
    assertTrue(Files.exists(argumentLog()), "keyrun never ran the fake security");
    List<String> lines = Files.readAllLines(argumentLog(), UTF_8);
    assertFalse(lines.isEmpty(), "the argument log is empty");
    for (String line : lines) {
      JsonNode arguments = JSON.readTree(line);
      assertTrue(arguments.isArray(), line);
      for (JsonNode argument : arguments) {
        for (byte[] value : values) {
          for (String form : forms(value)) {
            assertFalse(
                argument.asText().contains(form),
                () -> "security ran with a value in its arguments: " + line);
          }
        }
      }
    }
  }

  @Test
  void storedValueIsInFakeKeychain() throws Exception {
    Reference reference = newEntry("written");
    byte[] value = utf8(MULTI_LINE);

    store(reference, value);

    String service = ServiceAccount.of(reference).service();
    assertArrayEquals(value, Files.readAllBytes(passwordFile(service)));
  }

  @Test
  void storeUsesStdinOnly() throws Exception {
    store(newEntry("written"), utf8(UNICODE));

    List<String> lines = Files.readAllLines(argumentLog(), UTF_8);
    assertEquals(List.of("[\"-i\"]"), lines);
  }

  StoreContext contextWith(Map<String, String> switches) {
    Map<String, byte[]> environment = inheritedEnvironment();
    environment.put("KEYRUN_SECURITY_BIN", utf8(FAKE.toString()));
    environment.put("FAKE_SECURITY_DB", utf8(database().toString()));
    environment.put("FAKE_SECURITY_LOG", utf8(argumentLog().toString()));
    storeSettings().forEach((name, value) -> environment.put(name, utf8(value)));
    switches.forEach((name, value) -> environment.put(name, utf8(value)));
    return new StoreContext(environment, directory, deadline());
  }

  private Reference reference(String service) {
    return new Reference(scheme(), service + "/" + ACCOUNT);
  }

  private static String service(String name) {
    return "keyrun-contract-" + name;
  }

  /**
   * Returns the file in which the fake keeps the value of the item {@code service}/{@link
   * #ACCOUNT}: {@code SEQUENCE.HEXSERVICE.HEXACCOUNT.password}.
   */
  private Path passwordFile(String service) throws IOException {
    String suffix = "." + hex(service) + "." + hex(ACCOUNT) + ".password";
    try (Stream<Path> files = Files.list(database())) {
      List<Path> matches = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
      assertEquals(1, matches.size(), () -> "password files of " + service + ": " + matches);
      return matches.get(0);
    }
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(UTF_8));
  }

  /** Runs the fake with the test's keychain and no argument log, and fails unless it exits 0. */
  private void runFake(String... arguments) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Stream.concat(Stream.of(FAKE.toString()), Stream.of(arguments)).toList());
    builder.environment().keySet().removeIf(name -> name.startsWith("FAKE_SECURITY_"));
    builder.environment().put("FAKE_SECURITY_DB", database().toString());
    builder.redirectInput(new File("/dev/null"));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path stderr = Files.createTempFile(directory, "security", ".err");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the fake security did not finish within 60 s: " + arguments[0]);
    }
    assertEquals(
        0,
        process.exitValue(),
        () -> "the fake security failed: " + arguments[0] + ": " + read(stderr));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(stderr not read: " + e.getMessage() + ")";
    }
  }
}
