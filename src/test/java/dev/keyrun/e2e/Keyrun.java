package dev.keyrun.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts keyrun as a real process, the way a user does. With the system property {@code
 * keyrun.launcher} set (the test script sets it to the installed launcher), that launcher runs;
 * otherwise the JVM running the tests starts keyrun from the test class path.
 */
final class Keyrun {
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>(System.getenv());
  private Path directory;
  private byte[] input = new byte[0];

  /**
   * Creates a keyrun run in {@code directory}. XDG_CONFIG_HOME points at a directory there that
   * does not exist, so the config file of the user running the tests is never read. A test of the
   * config file sets its own.
   */
  static Keyrun in(Path directory) {
    Keyrun keyrun = new Keyrun();
    keyrun.directory = directory;
    keyrun.env("XDG_CONFIG_HOME", directory.resolve("no-user-config").toString());
    return keyrun;
  }

  Keyrun args(String... more) {
    arguments.addAll(List.of(more));
    return this;
  }

  Keyrun env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Keyrun unset(String name) {
    environment.remove(name);
    return this;
  }

  Keyrun input(String text) {
    input = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** Returns the environment keyrun starts with. */
  Map<String, String> environment() {
    return environment;
  }

  /** Returns the full command line: the launcher, then keyrun's arguments. */
  List<String> commandLine() {
    List<String> command = new ArrayList<>(launcher());
    command.addAll(arguments);
    return command;
  }

  /** Starts keyrun with a new process group, stdin from the given input, output captured. */
  Process start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(commandLine()).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs keyrun to completion (at most 60 s) and returns what it did. */
  Result run() throws Exception {
    return run(start());
  }

  /**
   * Runs {@code program} in place of keyrun's launcher, with keyrun's arguments, environment and
   * input, to completion (at most 60 s).
   */
  Result runProgram(List<String> program) throws Exception {
    List<String> command = new ArrayList<>(program);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return run(builder.start());
  }

  private Result run(Process process) throws Exception {
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    process.getOutputStream().write(input);
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("keyrun did not finish within 60 s: " + commandLine());
    }
    return new Result(
        process.exitValue(), stdout.get(), new String(stderr.get(), StandardCharsets.UTF_8));
  }

  static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Tells whether the tests run the installed launcher rather than a JVM of their own. */
  static boolean usesInstalledLauncher() {
    String installed = System.getProperty("keyrun.launcher");
    return installed != null && !installed.isEmpty();
  }

  private static List<String> launcher() {
    String installed = System.getProperty("keyrun.launcher");
    if (installed != null && !installed.isEmpty()) {
      return List.of(installed);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:-DisplayVMOutput",
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        "dev.keyrun.cli.Main");
  }

  /** What a finished keyrun did: its exit status, the bytes on stdout and the text on stderr. */
  record Result(int status, byte[] stdoutBytes, String stderr) {
    String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }
  }
}
