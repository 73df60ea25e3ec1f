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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun rotate --restart} against the fake systemctl. No systemd runs here, so the units
 * are recorded through the same code a run inside a unit uses, with the unit given instead of read
 * from {@code /proc/self/cgroup} (whose parsing has unit tests of its own).
 */
class RotateRestartTest {
  private static final Path FAKE = Path.of("src/test/fakes/systemctl").toAbsolutePath();
  private static final String OLD_VALUE = "old-secret-51c0de";
  private static final String NEW_VALUE = "new-secret-a77e42";

  @TempDir Path directory;
  private Path state;
  private Path store;
  private Path units;
  private Path log;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createUnits() throws Exception {
    state = directory.resolve("state");
    store = TestFiles.writePrivate(directory.resolve("store.env"), "API_KEY=" + OLD_VALUE + "\n");
    units = directory.resolve("units");
    Files.createDirectories(units.resolve("system"));
    Files.createDirectories(units.resolve("user"));
    Files.writeString(units.resolve("system/app.service"), "");
    Files.writeString(units.resolve("system/broken.service"), "fail\n");
    Files.writeString(units.resolve("user/worker.service"), "");
    log = directory.resolve("systemctl.log");
  }

  @AfterEach
  void noValueInOutput() throws Exception {
    for (Keyrun.Result result : results) {
      for (String value : List.of(OLD_VALUE, NEW_VALUE)) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
    if (Files.exists(log)) {
      assertFalse(Files.readString(log).contains(NEW_VALUE));
    }
  }

  /** Records the entry as used by {@code unit}, as a run inside that unit does. */
  private void usedBy(SystemdUnit unit) throws Exception {
    InventoryFile file =
        InventoryFile.of(
            Map.of("XDG_STATE_HOME", state.toString().getBytes(StandardCharsets.UTF_8)), directory);
    RunRecorder.Sighting sighting =
        new RunRecorder.Sighting("dotenv:API_KEY", "API_KEY", "/srv/app/app.env");
    assertTrue(RunRecorder.record(file, List.of(sighting), unit, "2026-12-01"));
  }

  private Keyrun keyrun() {
    return Keyrun.in(directory)
        .unset("INVOCATION_ID")
        .env("HOME", directory.toString())
        .env("XDG_STATE_HOME", state.toString())
        .env("XDG_RUNTIME_DIR", directory.toString())
        .env("KEYRUN_DOTENV_STORE", store.toString())
        .env("KEYRUN_SYSTEMCTL_BIN", FAKE.toString())
        .env("FAKE_SYSTEMCTL_UNITS", units.toString())
        .env("FAKE_SYSTEMCTL_LOG", log.toString());
  }

  private Keyrun.Result rotate(String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("rotate"));
    arguments.addAll(List.of(options));
    arguments.add("dotenv:API_KEY");
    Keyrun.Result result =
        keyrun().input(NEW_VALUE + "\n").args(arguments.toArray(String[]::new)).run();
    results.add(result);
    return result;
  }

  private List<JsonNode> calls() throws Exception {
    List<JsonNode> calls = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      calls.add(new ObjectMapper().readTree(line));
    }
    return calls;
  }

  private String storeContent() throws Exception {
    return Files.readString(store);
  }

  @Test
  void restartsSystemAndUserUnits() throws Exception {
    usedBy(new SystemdUnit("app.service", false));
    usedBy(new SystemdUnit("worker.service", true));

    Keyrun.Result result = rotate("--restart");

    assertEquals(0, result.status(), result.stderr());
    assertEquals(
        "keyrun: stored the new value of dotenv:API_KEY in the dotenv store\n"
            + "keyrun: restarted app.service (system unit)\n"
            + "keyrun: restarted worker.service (user unit)\n",
        result.stderr());
    assertTrue(Files.exists(units.resolve("system/app.service.restarts")));
    assertTrue(Files.exists(units.resolve("user/worker.service.restarts")));
    assertTrue(storeContent().contains(NEW_VALUE));
  }

  @Test
  void systemctlGetsUnitNamesAndDevNull() throws Exception {
    usedBy(new SystemdUnit("app.service", false));
    usedBy(new SystemdUnit("worker.service", true));

    rotate("--restart");

    List<JsonNode> calls = calls();
    assertEquals(2, calls.size());
    assertEquals("[\"restart\",\"app.service\"]", calls.get(0).get("argv").toString());
    assertEquals(
        "[\"--user\",\"restart\",\"worker.service\"]", calls.get(1).get("argv").toString());
    assertEquals("/dev/null", calls.get(0).get("stdin").asText());
    assertEquals("/dev/null", calls.get(1).get("stdin").asText());
  }

  @Test
  void failedRestartsFailAfterAllWereTried() throws Exception {
    usedBy(new SystemdUnit("missing.service", false));
    usedBy(new SystemdUnit("broken.service", false));
    usedBy(new SystemdUnit("app.service", false));

    Keyrun.Result result = rotate("--restart");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertEquals(
        "keyrun: stored the new value of dotenv:API_KEY in the dotenv store\n"
            + "keyrun: missing.service (system unit): restart failed, systemctl exited with"
            + " status 5: Failed to restart missing.service: Unit missing.service not found.\n"
            + "keyrun: broken.service (system unit): restart failed, systemctl exited with"
            + " status 1: Job for broken.service failed because the control process exited"
            + " with error code.\n"
            + "keyrun: restarted app.service (system unit)\n"
            + "keyrun: --restart: 2 of 3 restarts failed\n"
            + "keyrun: hint: the new value is stored; fix the units named above, then restart"
            + " them with systemctl restart UNIT\n",
        result.stderr());
    assertTrue(Files.exists(units.resolve("system/app.service.restarts")));
    assertTrue(storeContent().contains(NEW_VALUE));
  }

  @Test
  void hangingRestartTimesOut() throws Exception {
    Files.writeString(units.resolve("system/slow.service"), "hang 60\n");
    usedBy(new SystemdUnit("slow.service", false));
    usedBy(new SystemdUnit("app.service", false));

    Keyrun.Result result = rotate("--restart", "--timeout", "1");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result
            .stderr()
            .contains("keyrun: slow.service (system unit): systemctl timed out after 1 s\n"),
        result.stderr());
    assertTrue(
        result.stderr().contains("keyrun: restarted app.service (system unit)\n"), result.stderr());
    assertTrue(result.stderr().contains("keyrun: --restart: 1 of 2 restarts failed\n"));
  }

  @Test
  void missingSystemctlIsReported() throws Exception {
    usedBy(new SystemdUnit("app.service", false));
    Path absent = directory.resolve("no-systemctl");

    Keyrun.Result result =
        keyrun()
            .env("KEYRUN_SYSTEMCTL_BIN", absent.toString())
            .input(NEW_VALUE)
            .args("rotate", "--restart", "dotenv:API_KEY")
            .run();
    results.add(result);

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result.stderr().contains("keyrun: app.service (system unit): cannot run " + absent),
        result.stderr());
  }

  @Test
  void withoutRestartUnitsAreOnlyListed() throws Exception {
    usedBy(new SystemdUnit("app.service", false));

    Keyrun.Result result = rotate();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .endsWith(
                "  systemd units:\n"
                    + "    app.service, system (API_KEY; first seen 2026-12-01, last seen"
                    + " 2026-12-01)\n"),
        result.stdout());
    assertTrue(
        result
            .stderr()
            .contains(
                "keyrun: notice: the units above still hold the old value until they restart"
                    + " (--restart restarts them)\n"),
        result.stderr());
    assertFalse(Files.exists(log));
  }

  @Test
  void restartWithoutUnitsSaysSo() throws Exception {
    Keyrun.Result result = rotate("--restart");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stderr()
            .endsWith("keyrun: notice: no systemd unit uses the entry, so none was restarted\n"),
        result.stderr());
    assertFalse(Files.exists(log));
  }

  @Test
  void whereListsUnits() throws Exception {
    usedBy(new SystemdUnit("worker.service", true));

    Keyrun.Result result = keyrun().args("where", "--format", "json", "dotenv:API_KEY").run();
    results.add(result);

    JsonNode unit = new ObjectMapper().readTree(result.stdout()).get("units").get(0);
    assertEquals("worker.service", unit.get("name").asText());
    assertEquals("user", unit.get("scope").asText());
    assertEquals("API_KEY", unit.get("keys").get(0).asText());
    assertEquals("2026-12-01", unit.get("firstSeen").asText());
  }
}
