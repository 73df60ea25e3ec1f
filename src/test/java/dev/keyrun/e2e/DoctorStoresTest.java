package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stores} check of {@code keyrun doctor}: the dotenv store file, a real gnome-keyring on
 * a private D-Bus session bus, the fake {@code op} and the real {@code systemd-creds}.
 */
class DoctorStoresTest {
  private static final Path FAKE_OP = Path.of("src/test/fakes/op").toAbsolutePath();
  private static final String STORE_VALUE = "dotenv-store-secret-5531";
  private static final String TOKEN_VALUE =
      "ops_" + "eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9";
  private static final String KEYRING_VALUE = "keyring-secret-8812";

  @TempDir Path directory;
  private Path root;
  private Path home;
  private Path project;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createDirectories() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    home = Files.createDirectories(directory.resolve("home"));
    project = Files.createDirectories(directory.resolve("app"));
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(STORE_VALUE, TOKEN_VALUE, KEYRING_VALUE)) {
        assertFalse(
            result.stdout().contains(value), "stdout contains a value:\n" + result.stdout());
        assertFalse(
            result.stderr().contains(value), "stderr contains a value:\n" + result.stderr());
      }
    }
  }

  @Test
  void dotenvStoreStates() throws Exception {
    Path store = home.resolve(".config/keyrun/secrets.env");
    Keyrun.Result missing = doctor(keyrun());
    Files.createDirectories(store.getParent());
    Files.writeString(store, "API_KEY=" + STORE_VALUE + "\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
    Keyrun.Result private600 = doctor(keyrun());
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));
    Keyrun.Result readable = doctor(keyrun());

    String line = "stores  dotenv store ~/.config/keyrun/secrets.env: ";
    assertTrue(
        missing
            .stdout()
            .contains("ok    " + line + "not created yet; keyrun set dotenv:NAME creates it"),
        missing.stdout());
    assertEquals(0, private600.status(), private600.stdout() + private600.stderr());
    assertTrue(
        private600.stdout().contains("ok    " + line + "usable: a private file (mode 600)"),
        private600.stdout());
    assertEquals(1, readable.status(), readable.stderr());
    assertTrue(
        readable
            .stdout()
            .contains(
                "fail  "
                    + line
                    + "readable by group and others (mode 644)  fix: chmod 600"
                    + " ~/.config/keyrun/secrets.env"),
        readable.stdout());
  }

  @Test
  void configuredDotenvStoreIsChecked() throws Exception {
    Path store = directory.resolve("keys.env");
    Files.writeString(store, "API_KEY=" + STORE_VALUE + "\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r-----"));

    Keyrun.Result result = doctor(keyrun().env("KEYRUN_DOTENV_STORE", store.toString()));

    assertEquals(1, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .contains("fail  stores  dotenv store " + store + ": readable by group (mode 640)"),
        result.stdout());
  }

  @Test
  void secretServiceWithoutBusIsSkipped() throws Exception {
    Keyrun.Result result = doctor(keyrun());

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  stores  Secret Service (secret-service://, keyring://): cannot use: no"
                    + " D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"),
        result.stdout());
  }

  @Test
  void secretServiceOnTestKeyringIsUsable() throws Exception {
    TestKeyring keyring = TestKeyring.shared();
    Keyrun keyrun = keyrun();
    keyring.environment().forEach(keyrun::env);

    Keyrun.Result result = doctor(keyrun);

    assertTrue(
        result
            .stdout()
            .contains(
                "ok    stores  Secret Service (secret-service://, keyring://): usable: the default"
                    + " collection is unlocked"),
        result.stdout());
  }

  @Test
  void lockedCollectionIsReported() throws Exception {
    try (TestKeyring keyring = TestKeyring.startPrivate()) {
      keyring.store("keyrun-doctor", "a", KEYRING_VALUE.getBytes(UTF_8));
      keyring.lock();
      Keyrun keyrun = keyrun();
      keyring.environment().forEach(keyrun::env);

      Keyrun.Result result = doctor(keyrun);

      assertEquals(0, result.status(), result.stdout() + result.stderr());
      assertTrue(
          result
              .stdout()
              .contains(
                  "warn  stores  Secret Service (secret-service://, keyring://): reachable, but"
                      + " the default collection is locked"),
          result.stdout());
    }
  }

  @Test
  void silentSessionBusIsAbandoned() throws Exception {
    Path socket = directory.resolve("bus");
    List<SocketChannel> connections = new ArrayList<>();
    try (ServerSocketChannel bus = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      bus.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> acceptSilently(bus, connections), "silent bus");
      acceptor.setDaemon(true);
      acceptor.start();

      Keyrun.Result result =
          doctor(keyrun().env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket));

      assertTrue(
          result
              .stdout()
              .contains(
                  "skipped  stores  Secret Service (secret-service://, keyring://): cannot use: no"
                      + " response on the session bus: timed out after 5 s"),
          result.stdout());
    } finally {
      synchronized (connections) {
        for (SocketChannel connection : connections) {
          connection.close();
        }
      }
    }
  }

  /** Accepts connections and keeps them open without a byte of reply, like a hung bus daemon. */
  private static void acceptSilently(ServerSocketChannel bus, List<SocketChannel> connections) {
    try {
      while (true) {
        SocketChannel connection = bus.accept();
        synchronized (connections) {
          connections.add(connection);
        }
      }
    } catch (IOException e) {
      // The test closed the socket.
    }
  }

  @Test
  void onePasswordProbeRunsOnlyVersion() throws Exception {
    Path log = directory.resolve("op.log");

    Keyrun.Result withoutToken = doctor(fakeOp(log));
    Keyrun.Result withToken = doctor(fakeOp(log).env("OP_SERVICE_ACCOUNT_TOKEN", TOKEN_VALUE));

    String line = "ok    stores  1Password (op://): usable: " + FAKE_OP + ": 2.30.0; ";
    assertTrue(
        withoutToken
            .stdout()
            .contains(line + "no service account token is configured, so op signs in"),
        withoutToken.stdout());
    assertTrue(
        withToken.stdout().contains(line + "a service account token is set in OP_SERVICE_ACCOUNT"),
        withToken.stdout());
    List<String> calls = Files.readAllLines(log);
    assertEquals(2, calls.size(), String.join("\n", calls));
    for (String call : calls) {
      assertTrue(call.contains("\"argv\": [\"--version\"]"), call);
      assertTrue(call.contains("\"OP_SERVICE_ACCOUNT_TOKEN_SET\": false"), call);
    }
  }

  @Test
  void missingOpIsSkipped() throws Exception {
    Path absent = directory.resolve("absent-op");

    Keyrun.Result result = doctor(keyrun().env("KEYRUN_OP_BIN", absent.toString()));

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  stores  1Password (op://): cannot use: "
                    + absent
                    + " not found or not executable  fix: install the 1Password CLI"),
        result.stdout());
  }

  @Test
  void hungOpIsAbandoned() throws Exception {
    Keyrun keyrun =
        keyrun()
            .env("KEYRUN_OP_BIN", FAKE_OP.toString())
            .env("FAKE_OP_DB", directory.resolve("op-db").toString())
            .env("FAKE_OP_DELAY", "300");

    Keyrun.Result result = doctor(keyrun);

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  stores  1Password (op://): cannot use: "
                    + FAKE_OP
                    + " --version timed out after 5 s"),
        result.stdout());
    assertTrue(
        result.stdout().contains("5 s  fix: op is installed but did not answer in time"),
        result.stdout());
    assertFalse(result.stdout().contains("install the 1Password CLI"), result.stdout());
  }

  @Test
  void keychainIsSkippedOffMacOs() throws Exception {
    Keyrun.Result result = doctor(keyrun());

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  stores  macOS Keychain (keychain://, keyring://): cannot use: macOS"),
        result.stdout());
  }

  @Test
  void systemdCredsStates() throws Exception {
    Files.createDirectories(root.resolve("etc/credstore.encrypted"));
    Path credentials = Files.createDirectories(directory.resolve("credentials"));

    Keyrun.Result usable = doctor(keyrun().env("CREDENTIALS_DIRECTORY", credentials.toString()));
    Files.delete(root.resolve("etc/credstore.encrypted"));
    Path absent = directory.resolve("absent-systemd-creds");
    Keyrun.Result unusable = doctor(keyrun().env("KEYRUN_SYSTEMD_CREDS_BIN", absent.toString()));

    String store = "stores  systemd credentials (systemd-creds://): ";
    assertTrue(usable.stdout().contains("ok    " + store + "usable: "), usable.stdout());
    assertTrue(usable.stdout().contains("; CREDENTIALS_DIRECTORY is set;"), usable.stdout());
    assertTrue(
        usable.stdout().contains("; credential stores: /etc/credstore.encrypted"), usable.stdout());
    assertTrue(
        unusable
            .stdout()
            .contains(
                "skipped  "
                    + store
                    + "cannot use: "
                    + absent
                    + " not found or not executable; CREDENTIALS_DIRECTORY is not set"),
        unusable.stdout());
  }

  private Keyrun fakeOp(Path log) {
    return keyrun()
        .env("KEYRUN_OP_BIN", FAKE_OP.toString())
        .env("FAKE_OP_LOG", log.toString())
        .env("FAKE_OP_DB", directory.resolve("op-db").toString());
  }

  private Keyrun keyrun() {
    Keyrun keyrun =
        Keyrun.in(project)
            .env("HOME", home.toString())
            .env("XDG_CONFIG_HOME", home.resolve(".config").toString())
            .env("KEYRUN_OP_BIN", directory.resolve("no-op").toString());
    for (String name :
        List.of(
            "DBUS_SESSION_BUS_ADDRESS",
            "CREDENTIALS_DIRECTORY",
            "OP_SERVICE_ACCOUNT_TOKEN",
            "KEYRUN_DOTENV_STORE",
            "KEYRUN_CREDSTORE_PATH",
            "KEYRUN_OP_TOKEN_REF")) {
      keyrun.unset(name);
    }
    return keyrun;
  }

  private Keyrun.Result doctor(Keyrun keyrun) throws Exception {
    Keyrun.Result result =
        keyrun.args("doctor", "--dir", project.toString(), "--root", root.toString()).run();
    results.add(result);
    return result;
  }
}
