package dev.keyrun.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fake {@code fdesetup} and {@code tmutil} scripts and checks what they print. */
class FakeMacToolsTest {
  private static final Path FDESETUP = Path.of("src/test/fakes/fdesetup").toAbsolutePath();
  private static final Path TMUTIL = Path.of("src/test/fakes/tmutil").toAbsolutePath();

  @TempDir Path directory;

  private record Result(int status, String stdout, String stderr) {}

  @Test
  void fdesetupPrintsEachState() throws Exception {
    Map<String, String> outputs =
        Map.of(
            "on", "FileVault is On.\n",
            "off", "FileVault is Off.\n",
            "deferred", "FileVault is Off, but will be enabled after the next restart.\n",
            "encrypting", "FileVault is On.\nEncryption in progress: Percent completed = 42.5\n");
    for (Map.Entry<String, String> state : outputs.entrySet()) {
      Result result = run(FDESETUP, Map.of("FAKE_FDESETUP_STATE", state.getKey()), "status");

      assertEquals(0, result.status(), state.getKey());
      assertEquals(state.getValue(), result.stdout(), state.getKey());
      assertEquals("", result.stderr(), state.getKey());
    }
  }

  @Test
  void fdesetupRejectsOtherVerbs() throws Exception {
    Result result = run(FDESETUP, Map.of(), "enable");

    assertEquals(1, result.status());
    assertEquals("", result.stdout());
    assertTrue(result.stderr().startsWith("fake fdesetup: "), result.stderr());
  }

  @Test
  void tmutilExclusionIsSticky() throws Exception {
    Path database = Files.createDirectories(directory.resolve("db"));
    Map<String, String> environment = Map.of("FAKE_TMUTIL_DB", database.toString());
    Path project = Files.createDirectories(directory.resolve("app"));

    Result before = run(TMUTIL, environment, "isexcluded", project.resolve(".env").toString());
    Result added = run(TMUTIL, environment, "addexclusion", project.toString());
    Result after = run(TMUTIL, environment, "isexcluded", project.resolve(".env").toString());

    assertEquals("[Included]    " + project.resolve(".env") + "\n", before.stdout());
    assertEquals(0, added.status());
    assertEquals("[Excluded]    " + project.resolve(".env") + "\n", after.stdout());
  }

  @Test
  void tmutilDestinationInfo() throws Exception {
    Path database = Files.createDirectories(directory.resolve("db"));
    Map<String, String> environment = Map.of("FAKE_TMUTIL_DB", database.toString());

    Result none = run(TMUTIL, environment, "destinationinfo");
    Files.writeString(database.resolve("destination"), "Backup\n");
    Result one = run(TMUTIL, environment, "destinationinfo");

    assertEquals("No destinations configured.\n", none.stdout());
    assertTrue(one.stdout().contains("Name          : Backup\n"), one.stdout());
  }

  @Test
  void tmutilWithoutDatabaseFails() throws Exception {
    Result result = run(TMUTIL, Map.of("FAKE_TMUTIL_DB", ""), "destinationinfo");

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("fake tmutil: FAKE_TMUTIL_DB is not set"));
  }

  private static Result run(Path program, Map<String, String> extra, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(extra);
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
}
