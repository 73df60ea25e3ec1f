package dev.keyrun.backend.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WritableStoreContract;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.backend.secretservice.SecretServiceStore;
import dev.keyrun.e2e.KeyrunProcess;
import dev.keyrun.keyring.TestKeyring;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secret-service://SERVICE/ACCOUNT} against the gnome-keyring that {@code scripts/test.sh}
 * starts on a private D-Bus session bus. The test seeds items with {@code secret-tool store}, gives
 * each service name a random part so that tests sharing the keyring never meet, and clears its
 * items afterwards.
 */
class SecretServiceStoreContractTest extends WritableStoreContract {
  private static final String ACCOUNT = "contract";

  /**
   * The maximum number of bytes that {@code secret-tool store} 0.20.5 reads from stdin. Of a longer
   * value it stores the first 8192 bytes, prints "password is too long" and still exits 0.
   */
  private static final int SECRET_TOOL_MAX_BYTES = 8192;

  private final SecretServiceStore store = new SecretServiceStore();
  private final String prefix = "keyrun-contract-" + UUID.randomUUID().toString().substring(0, 8);
  private final Set<String> services = new LinkedHashSet<>();
  private TestKeyring keyring;

  @TempDir Path home;

  /** Returns the scheme of the references under test. */
  Scheme scheme() {
    return Scheme.SECRET_SERVICE;
  }

  @BeforeEach
  void useTestKeyring() {
    keyring = TestKeyring.shared();
  }

  @AfterEach
  void clearItems() {
    for (String service : services) {
      keyring.clear(service, ACCOUNT);
    }
  }

  @Override
  protected WritableBackend backend() {
    return store;
  }

  @Override
  protected StoreContext context() {
    return new StoreContext(inheritedEnvironment(), home, deadline());
  }

  /**
   * Seeds with {@code secret-tool store --label=L service S account A}. A value longer than
   * secret-tool takes is stored through the store under test instead, and read back with {@code
   * secret-tool lookup} before the test uses it.
   */
  @Override
  protected Reference seedEntry(String name, byte[] value) throws Exception {
    String service = service(name);
    Reference reference = reference(service);
    if (value.length <= SECRET_TOOL_MAX_BYTES) {
      keyring.store(service, ACCOUNT, value);
    } else {
      store.store(reference, Secret.of(value), WriteOptions.DEFAULT, context());
      assertArrayEquals(value, lookup(service), "secret-tool lookup of the seeded value");
    }
    return reference;
  }

  @Override
  protected Reference absent() {
    return reference(service("absent"));
  }

  @Override
  protected String missingText(Reference absent) {
    return "(no item with service \""
        + ServiceAccount.of(absent).service()
        + "\" and account \""
        + ACCOUNT
        + "\")";
  }

  /**
   * Runs {@code keyrun read} in a child process on a keyring of its own, locked after seeding,
   * because libsecret in the test JVM connects to the bus that the JVM's own environment names. A
   * locked collection hides its items, so the store must report the lock, not a missing item.
   */
  @Override
  protected Failure failure(Reference seeded, byte[] value) throws Exception {
    try (TestKeyring locked = TestKeyring.startPrivate()) {
      locked.store(ServiceAccount.of(seeded).service(), ACCOUNT, value);
      locked.lock();
      KeyrunProcess.Result result =
          KeyrunProcess.run(home, locked.environment(), "read", seeded.toString());
      return new Failure.InChildProcess(
          result.status(), result.stderr(), "the keyring collection is locked", "unlock it");
    }
  }

  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  @Override
  protected Reference newEntry(String name) {
    return reference(service(name));
  }

  @Test
  void storedValueVisibleToSecretTool() throws Exception {
    List<byte[]> values =
        List.of(utf8(UNICODE), utf8(MULTI_LINE), utf8(TRAILING_NEWLINE), textOfSize(1024));
    for (int i = 0; i < values.size(); i++) {
      Reference reference = newEntry("visible" + i);
      byte[] value = values.get(i);

      store(reference, value);

      String service = ServiceAccount.of(reference).service();
      assertArrayEquals(value, lookup(service), () -> "secret-tool lookup of " + service);
    }
  }

  @Test
  void serviceAloneFindsItem() throws Exception {
    byte[] value = utf8(UNICODE);
    Reference withAccount = seed("serviceonly", value);

    Reference serviceOnly = new Reference(scheme(), ServiceAccount.of(withAccount).service());

    assertResolvesTo(serviceOnly, value);
  }

  /**
   * The item of secret-tool has only the attributes service and account, and the Secret Service
   * replaces only an item whose attributes are all equal, so a store that adds {@code xdg:schema}
   * creates a second item next to it.
   */
  @Test
  void storeReplacesSecretToolItem() throws Exception {
    Reference reference = seed("replaced", utf8("seeded-value-f6"));
    String service = ServiceAccount.of(reference).service();

    store(reference, utf8(UNICODE));

    assertEquals(1, itemCount(service), () -> "items with service " + service);
    assertArrayEquals(utf8(UNICODE), lookup(service));
  }

  /**
   * Returns the number of items with {@code service} and {@link #ACCOUNT}, which {@code secret-tool
   * search --all} prints on stdout with a header line such as {@code [/2]} each.
   */
  private long itemCount(String service) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "secret-tool", "search", "--all", "service", service, "account", ACCOUNT);
    builder.environment().putAll(keyring.environment());
    builder.redirectInput(new File("/dev/null"));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("secret-tool search did not finish within 60 s");
    }
    assertEquals(0, process.exitValue(), "exit status of secret-tool search");
    return new String(stdout, UTF_8).lines().filter(line -> line.startsWith("[/")).count();
  }

  private byte[] lookup(String service) {
    return keyring
        .lookup(service, ACCOUNT)
        .orElseThrow(() -> new AssertionError("secret-tool found no item for " + service));
  }

  private Reference reference(String service) {
    return new Reference(scheme(), service + "/" + ACCOUNT);
  }

  /** Returns the service for {@code name} and records it for clearing after the test. */
  private String service(String name) {
    String service = prefix + "-" + name;
    services.add(service);
    return service;
  }
}
