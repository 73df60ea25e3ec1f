package dev.keyrun.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fake {@code systemctl} script as a child process and checks what it prints. */
class FakeSystemctlTest {
  private static final Path FAKE = Path.of("src/test/fakes/systemctl").toAbsolutePath();
  private static final String NO_BUS =
      "Failed to connect to bus: $DBUS_SESSION_BUS_ADDRESS and $XDG_RUNTIME_DIR not defined"
          + " (consider using --machine=<user>@.host --user to connect to bus of other user)\n";

  @TempDir Path directory;
  private Path units;
  private Path log;

  private record Result(int status, String stdout, String stderr) {}

  @BeforeEach
  void createUnits() throws Exception {
    units = directory.resolve("units");
    Files.createDirectories(units.resolve("system"));
    Files.createDirectories(units.resolve("user"));
    Files.writeString(units.resolve("system/app.service"), "");
    Files.writeString(units.resolve("system/broken.service"), "fail\n");
    Files.writeString(units.resolve("user/worker.service"), "");
    log = directory.resolve("log");
  }

  private Result systemctl(Map<String, String> extra, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(FAKE.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.remove("DBUS_SESSION_BUS_ADDRESS");
    environment.remove("XDG_RUNTIME_DIR");
    environment.put("FAKE_SYSTEMCTL_UNITS", units.toString());
    environment.put("FAKE_SYSTEMCTL_LOG", log.toString());
    environment.putAll(extra);
    builder.redirectInput(new File("/dev/null"));
    Process process = builder.start();
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return new Result(
        process.exitValue(), new String(stdout.get(), UTF_8), new String(stderr.get(), UTF_8));
  }

  private static byte[] readAll(java.io.InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void restartSucceedsSilently() throws Exception {
    Result result = systemctl(Map.of(), "restart", "app.service");

    assertEquals(0, result.status());
    assertEquals("", result.stdout());
    assertEquals("", result.stderr());
    assertEquals("restarted\n", Files.readString(units.resolve("system/app.service.restarts")));
  }

  @Test
  void nameWithoutSuffixGetsService() throws Exception {
    Result result = systemctl(Map.of(), "restart", "app");

    assertEquals(0, result.status());
    assertTrue(Files.exists(units.resolve("system/app.service.restarts")));
  }

  @Test
  void missingUnitExitsFive() throws Exception {
    Result result = systemctl(Map.of(), "restart", "x.service");

    assertEquals(5, result.status());
    assertEquals("Failed to restart x.service: Unit x.service not found.\n", result.stderr());
  }

  @Test
  void failingUnitExitsOne() throws Exception {
    Result result = systemctl(Map.of(), "restart", "broken.service");

    assertEquals(1, result.status());
    assertEquals(
        "Job for broken.service failed because the control process exited with error code.\n"
            + "See \"systemctl status broken.service\" and \"journalctl -xeu broken.service\""
            + " for details.\n",
        result.stderr());
    assertFalse(Files.exists(units.resolve("system/broken.service.restarts")));
  }

  @Test
  void userUnitNeedsBus() throws Exception {
    Result result = systemctl(Map.of(), "--user", "restart", "worker.service");

    assertEquals(1, result.status());
    assertEquals(NO_BUS, result.stderr());
  }

  @Test
  void userUnitRestartsWithRuntimeDirectory() throws Exception {
    Result result =
        systemctl(
            Map.of("XDG_RUNTIME_DIR", directory.toString()), "--user", "restart", "worker.service");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(Files.exists(units.resolve("user/worker.service.restarts")));
  }

  @Test
  void systemUnitIsNotUserUnit() throws Exception {
    Result result =
        systemctl(
            Map.of("XDG_RUNTIME_DIR", directory.toString()), "--user", "restart", "app.service");

    assertEquals(5, result.status());
  }

  @Test
  void invalidNameIsRejected() throws Exception {
    Result result = systemctl(Map.of(), "restart", "a b");

    assertEquals(1, result.status());
    assertEquals("Failed to mangle name: Invalid argument\n", result.stderr());
  }

  @Test
  void unknownVerbIsRejected() throws Exception {
    Result result = systemctl(Map.of(), "frobnicate", "app");

    assertEquals(1, result.status());
    assertEquals("Unknown command verb 'frobnicate'.\n", result.stderr());
  }

  @Test
  void restartWithoutUnitIsRejected() throws Exception {
    Result result = systemctl(Map.of(), "restart");

    assertEquals(1, result.status());
    assertEquals("Too few arguments.\n", result.stderr());
  }

  @Test
  void unsetUnitsDirectoryIsConfigurationError() throws Exception {
    Result result = systemctl(Map.of("FAKE_SYSTEMCTL_UNITS", ""), "restart", "app");

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("fake systemctl: FAKE_SYSTEMCTL_UNITS is not set"));
  }

  @Test
  void logRecordsArgumentsAndStdin() throws Exception {
    systemctl(Map.of(), "restart", "app.service");

    assertEquals(
        "{\"argv\": [\"restart\", \"app.service\"], \"stdin\": \"/dev/null\"}\n",
        Files.readString(log));
  }
}
