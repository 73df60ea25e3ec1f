package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyrun.inventory.InventoryFile;
import dev.keyrun.inventory.RunRecorder;
import dev.keyrun.inventory.SystemdUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun rotate systemd-creds://NAME} and {@code keyrun systemd encrypt} over an existing
 * credential, with the real systemd-creds behind a wrapper that logs its arguments, a host key of
 * the test's own, and the fake systemctl.
 */
class SystemdRotateTest {
  private static final Path FAKE_SYSTEMCTL = Path.of("src/test/fakes/systemctl").toAbsolutePath();
  private static final String OLD_VALUE = "old-credential-5e1f0a";
  private static final String NEW_VALUE = "new-credential-c0ffee";

  @TempDir Path directory;
  private Path store;
  private Path state;
  private Path units;
  private Path toolLog;
  private Path tool;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createStore() throws Exception {
    store = directory.resolve("store.encrypted");
    state = directory.resolve("state");
    units = directory.resolve("units");
    Files.createDirectories(units.resolve("system"));
    Files.writeString(units.resolve("system/app.service"), "");
    toolLog = directory.resolve("systemd-creds.log");
    tool = directory.resolve("systemd-creds");
    Files.writeString(
        tool,
        "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '"
            + toolLog
            + "'\nexec /usr/bin/systemd-creds \"$@\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void noValueInOutputOrArguments() throws Exception {
    for (Keyrun.Result result : results) {
      for (String value : List.of(OLD_VALUE, NEW_VALUE)) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
    if (Files.exists(toolLog)) {
      String arguments = Files.readString(toolLog);
      assertFalse(arguments.contains(OLD_VALUE), arguments);
      assertFalse(arguments.contains(NEW_VALUE), arguments);
    }
  }

  private Keyrun keyrun() {
    return Keyrun.in(directory)
        .unset("INVOCATION_ID")
        .unset("CREDENTIALS_DIRECTORY")
        .env("HOME", directory.toString())
        .env("XDG_STATE_HOME", state.toString())
        .env("XDG_RUNTIME_DIR", directory.toString())
        .env("SYSTEMD_CREDENTIAL_SECRET", directory.resolve("host.secret").toString())
        .env("KEYRUN_CREDSTORE_PATH", store.toString())
        .env("KEYRUN_SYSTEMD_CREDS_BIN", tool.toString())
        .env("KEYRUN_SYSTEMCTL_BIN", FAKE_SYSTEMCTL.toString())
        .env("FAKE_SYSTEMCTL_UNITS", units.toString());
  }

  private Keyrun.Result run(Keyrun keyrun) throws Exception {
    Keyrun.Result result = keyrun.run();
    results.add(result);
    return result;
  }

  private Keyrun.Result encrypt(String value, String name) throws Exception {
    Path output = store.resolve(name);
    return run(
        keyrun()
            .input(value + "\n")
            .args("systemd", "encrypt", "--with-key=host", "--output", output.toString(), name));
  }

  private Keyrun.Result rotate(String... arguments) throws Exception {
    return run(keyrun().input(NEW_VALUE + "\n").args(arguments));
  }

  /** Returns the value through {@code keyrun read}, whose stdout is the one place it may appear. */
  private String read(String reference) throws Exception {
    Keyrun.Result read = keyrun().args("read", "-n", reference).run();
    assertEquals(0, read.status(), read.stderr());
    assertEquals("", read.stderr());
    return read.stdout();
  }

  private JsonNode where(String reference) throws Exception {
    Keyrun.Result where = run(keyrun().args("where", "--format", "json", reference));
    assertEquals(0, where.status(), where.stderr());
    return new ObjectMapper().readTree(where.stdout());
  }

  private static Set<String> today() {
    // A run near midnight may record either day.
    LocalDate now = LocalDate.now(ZoneOffset.UTC);
    return Set.of(now.toString(), now.plusDays(1).toString());
  }

  private List<String> storeFiles() throws Exception {
    try (Stream<Path> files = Files.list(store)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private void usedBy(SystemdUnit unit) throws Exception {
    InventoryFile file =
        InventoryFile.of(
            Map.of("XDG_STATE_HOME", state.toString().getBytes(StandardCharsets.UTF_8)), directory);
    RunRecorder.Sighting sighting =
        new RunRecorder.Sighting("systemd-creds://db", "DB_PASSWORD", "/srv/app/app.env");
    assertTrue(RunRecorder.record(file, List.of(sighting), unit, "2026-12-01"));
  }

  @Test
  void rotateReplacesEncryptedCredential() throws Exception {
    encrypt(OLD_VALUE, "db");

    Keyrun.Result result = rotate("rotate", "--with-key=host", "systemd-creds://db");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: stored the new value of systemd-creds://db in the systemd credential"
                    + " store "
                    + store
                    + "\n"),
        result.stderr());
    assertEquals(NEW_VALUE, read("systemd-creds://db"));
    Path file = store.resolve("db");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(Files.readString(file).contains(NEW_VALUE));
    assertEquals(List.of("db"), storeFiles());
  }

  @Test
  void rotateRunsSystemdCredsAsEncryptDoes() throws Exception {
    encrypt(OLD_VALUE, "db");

    rotate("rotate", "systemd-creds://db");

    List<String> calls = Files.readAllLines(toolLog);
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("encrypt --name=db --with-key=host - "), calls.get(0));
    assertTrue(calls.get(1).startsWith("encrypt --name=db --with-key=auto - "), calls.get(1));
    assertTrue(calls.get(1).contains(store.toString() + "/"), calls.get(1));
  }

  @Test
  void rotateRecordsDayAndRestartsUnits() throws Exception {
    encrypt(OLD_VALUE, "db");
    usedBy(new SystemdUnit("app.service", false));

    Keyrun.Result result = rotate("rotate", "--restart", "--with-key=host", "systemd-creds://db");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result.stderr().endsWith("keyrun: restarted app.service (system unit)\n"), result.stderr());
    assertTrue(result.stdout().contains("app.service, system (DB_PASSWORD;"), result.stdout());
    assertTrue(Files.exists(units.resolve("system/app.service.restarts")));
    String rotated = where("systemd-creds://db").get("rotated").asText();
    assertTrue(today().contains(rotated), rotated);
  }

  @Test
  void withoutRestartUnitsKeepOldValue() throws Exception {
    encrypt(OLD_VALUE, "db");
    usedBy(new SystemdUnit("app.service", false));

    Keyrun.Result result = rotate("rotate", "--with-key=host", "systemd-creds://db");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result.stderr().contains("the units above still hold the old value until they restart"),
        result.stderr());
    assertFalse(Files.exists(units.resolve("system/app.service.restarts")));
  }

  @Test
  void missingCredentialIsRejected() throws Exception {
    encrypt(OLD_VALUE, "db");

    Keyrun.Result result = rotate("rotate", "--with-key=host", "systemd-creds://dbb");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: systemd-creds://dbb: not found in the credential stores ("
                    + store
                    + "), so there is no value to replace\n"),
        result.stderr());
    assertTrue(
        result.stderr().contains("keyrun systemd encrypt dbb creates a new credential"),
        result.stderr());
    assertEquals(List.of("db"), storeFiles());
    assertEquals(OLD_VALUE, read("systemd-creds://db"));
  }

  @Test
  void unitCopyAloneIsNotRotated() throws Exception {
    Path unitDirectory = Files.createDirectories(directory.resolve("unit-credentials"));
    TestFiles.writePrivate(unitDirectory.resolve("db"), OLD_VALUE);
    Files.createDirectories(store);

    Keyrun.Result result =
        run(
            keyrun()
                .env("CREDENTIALS_DIRECTORY", unitDirectory.toString())
                .input(NEW_VALUE)
                .args("rotate", "systemd-creds://db"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("not found in the credential stores"), result.stderr());
    assertEquals(OLD_VALUE, Files.readString(unitDirectory.resolve("db")));
  }

  @Test
  void firstStoreThatHasItIsReplaced() throws Exception {
    Path empty = Files.createDirectories(directory.resolve("empty.encrypted"));
    encrypt(OLD_VALUE, "db");

    Keyrun.Result result =
        run(
            keyrun()
                .env("KEYRUN_CREDSTORE_PATH", empty + ":" + store)
                .input(NEW_VALUE)
                .args("rotate", "--with-key=host", "systemd-creds://db"));

    assertEquals(0, result.status(), result.stderr());
    assertEquals(NEW_VALUE, read("systemd-creds://db"));
    try (Stream<Path> files = Files.list(empty)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void plainCredentialIsRejected() throws Exception {
    Path plain = Files.createDirectories(directory.resolve("plain"));
    TestFiles.writePrivate(plain.resolve("db"), OLD_VALUE);

    Keyrun.Result result =
        run(
            keyrun()
                .env("KEYRUN_CREDSTORE_PATH", plain.toString())
                .input(NEW_VALUE)
                .args("rotate", "systemd-creds://db"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: systemd-creds://db: "
                    + plain.resolve("db")
                    + " is a plain credential, and keyrun rotate writes only encrypted ones\n"),
        result.stderr());
    assertEquals(OLD_VALUE, Files.readString(plain.resolve("db")));
  }

  @Test
  void symbolicLinkIsRejected() throws Exception {
    encrypt(OLD_VALUE, "target");
    Files.createSymbolicLink(store.resolve("db"), store.resolve("target"));

    Keyrun.Result result = rotate("rotate", "--with-key=host", "systemd-creds://db");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: systemd-creds://db: "
                    + store.resolve("db")
                    + " is not a regular file, so keyrun does not replace it\n"),
        result.stderr());
    assertTrue(Files.isSymbolicLink(store.resolve("db")));
  }

  @Test
  void failedEncryptionKeepsOldCredential() throws Exception {
    encrypt(OLD_VALUE, "db");
    // Fails as systemd-creds 252 does without a TPM2, after damaging the file it was given.
    Path failing = directory.resolve("failing-systemd-creds");
    Files.writeString(
        failing,
        "#!/bin/sh\nfor last; do :; done\nprintf partial > \"$last\"\n"
            + "echo 'TPM2 support not installed: Operation not supported' >&2\nexit 1\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));

    Keyrun.Result result =
        run(
            keyrun()
                .env("KEYRUN_SYSTEMD_CREDS_BIN", failing.toString())
                .input(NEW_VALUE)
                .args("rotate", "--with-key=tpm2", "systemd-creds://db"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "keyrun: systemd-creds://db: systemd-creds encrypt failed: TPM2 support not"
                    + " installed: Operation not supported\n"),
        result.stderr());
    assertEquals(OLD_VALUE, read("systemd-creds://db"));
    assertEquals(List.of("db"), storeFiles());
    assertTrue(where("systemd-creds://db").get("rotated").isNull());
  }

  @Test
  void withKeyOnOtherStoreIsRejected() throws Exception {
    Keyrun.Result result = rotate("rotate", "--with-key=host", "dotenv:API_KEY");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertEquals(
        "keyrun: --with-key: applies only to systemd-creds:// references\n"
            + "keyrun: hint: leave out --with-key to rotate dotenv:API_KEY\n",
        result.stderr());
  }

  @Test
  void unknownKeyTypeIsRejected() throws Exception {
    encrypt(OLD_VALUE, "db");

    Keyrun.Result result = rotate("rotate", "--with-key=none", "systemd-creds://db");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --with-key: must be one of"), result.stderr());
    assertEquals(OLD_VALUE, read("systemd-creds://db"));
  }

  @Test
  void encryptOverExistingRecordsRotation() throws Exception {
    Keyrun.Result created = encrypt(OLD_VALUE, "db");
    JsonNode afterCreate = where("systemd-creds://db");
    Keyrun.Result replaced = encrypt(NEW_VALUE, "db");

    assertEquals(0, created.status(), created.stderr());
    assertTrue(afterCreate.get("rotated").isNull(), afterCreate.toString());
    assertEquals(0, replaced.status(), replaced.stderr());
    String rotated = where("systemd-creds://db").get("rotated").asText();
    assertTrue(today().contains(rotated), rotated);
    assertEquals(NEW_VALUE, read("systemd-creds://db"));
  }
}
