package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fake macOS {@code security} in src/test/fakes, with its items in a directory of one test and
 * its argv log beside them. See src/test/fakes/README.md for its switches and file layout.
 */
final class FakeSecurity {
  static final Path PROGRAM = Path.of("src/test/fakes/security").toAbsolutePath();

  private static final List<String> SWITCHES =
      List.of(
          "FAKE_SECURITY_LOCKED",
          "FAKE_SECURITY_DENY",
          "FAKE_SECURITY_CANCEL",
          "FAKE_SECURITY_HANG",
          "FAKE_SECURITY_SIGNED_HEX");

  private final Path database;
  private final Path argvLog;

  FakeSecurity(Path directory) {
    this.database = directory.resolve("keychain-db");
    this.argvLog = directory.resolve("security-argv.log");
  }

  Path database() {
    return database;
  }

  /** Points keyrun at the fake, with every failure switch off and no KEYRUN_KEYRING choice. */
  Keyrun configure(Keyrun keyrun) {
    SWITCHES.forEach(keyrun::unset);
    return keyrun
        .unset("KEYRUN_KEYRING")
        .env("KEYRUN_SECURITY_BIN", PROGRAM.toString())
        .env("FAKE_SECURITY_DB", database.toString())
        .env("FAKE_SECURITY_LOG", argvLog.toString());
  }

  /** Runs the fake directly, without the argv log, to set up items before keyrun runs. */
  void seed(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(PROGRAM.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FAKE_SECURITY_"));
    builder.environment().put("FAKE_SECURITY_DB", database.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("fake security " + List.of(arguments) + " failed: " + output);
    }
  }

  /** Returns the names of the item files ({@code NAME.json} and {@code NAME.password}). */
  List<String> itemFiles() throws IOException {
    if (!Files.isDirectory(database)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(database)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".json") || name.endsWith(".password"))
          .sorted()
          .toList();
    }
  }

  /** Returns the attributes of the only item, parsed from its JSON sidecar file. */
  JsonNode onlyItem() throws IOException {
    List<String> sidecars = itemFiles().stream().filter(name -> name.endsWith(".json")).toList();
    if (sidecars.size() != 1) {
      throw new AssertionError("expected one item in " + database + ", found " + sidecars);
    }
    return new ObjectMapper().readTree(database.resolve(sidecars.get(0)).toFile());
  }

  /** Returns every argument of every logged run, decoded from the log's JSON lines. */
  List<String> loggedArguments() throws IOException {
    List<String> arguments = new ArrayList<>();
    if (!Files.exists(argvLog)) {
      return arguments;
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(argvLog, UTF_8)) {
      for (JsonNode argument : json.readTree(line)) {
        arguments.add(argument.asText());
      }
    }
    return arguments;
  }

  /** Returns the argv lines as logged, for failure messages. */
  String logText() throws IOException {
    return Files.exists(argvLog) ? Files.readString(argvLog, UTF_8) : "(no log)";
  }

  /**
   * Returns "PID: command line" of each live fake process that runs on this test's items: the
   * fake's path in the command line and this {@code FAKE_SECURITY_DB} in the environment. Zombies
   * do not count, since they have exited and only wait to be reaped.
   */
  List<String> running() {
    List<String> processes = new ArrayList<>();
    for (ProcessHandle process : matchingProcesses()) {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      processes.add(process.pid() + ": " + readText(proc.resolve("cmdline")).replace('\0', ' '));
    }
    return processes;
  }

  /** Kills the fake processes that {@link #running()} lists, so none outlives its test. */
  void killRunning() {
    matchingProcesses().forEach(ProcessHandle::destroyForcibly);
  }

  private List<ProcessHandle> matchingProcesses() {
    String marker = "FAKE_SECURITY_DB=" + database;
    List<ProcessHandle> processes = new ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            process -> {
              Path proc = Path.of("/proc", Long.toString(process.pid()));
              String commandLine = readText(proc.resolve("cmdline"));
              String environment = readText(proc.resolve("environ"));
              String stat = readText(proc.resolve("stat"));
              boolean zombie = stat.substring(stat.lastIndexOf(')') + 1).startsWith(" Z");
              boolean ours =
                  commandLine.contains(PROGRAM.toString())
                      && List.of(environment.split("\0")).contains(marker);
              if (ours && !zombie) {
                processes.add(process);
              }
            });
    return processes;
  }

  /**
   * Returns the fake processes still running once those killed have had up to 5 s to die. A fake
   * that keyrun left behind sleeps far longer than that, so it is still listed.
   */
  List<String> runningAfterGrace() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> processes = running();
    while (!processes.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      processes = running();
    }
    return processes;
  }

  private static String readText(Path file) {
    try {
      return new String(Files.readAllBytes(file), UTF_8);
    } catch (IOException e) {
      // The process exited while being read, or belongs to another user.
      return "";
    }
  }
}
