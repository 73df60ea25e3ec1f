package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A project in a real git repository, with its own HOME, XDG directories and dotenv store under a
 * temporary directory, for runs of {@code keyrun doctor} and the commands that fix what it finds.
 * It records every output keyrun gave, so a test can check that no value leaked.
 */
final class DoctorProject {
  final Path home;
  final Path project;
  final Path config;
  final Path state;
  final Path store;
  private final List<String> outputs = new ArrayList<>();

  DoctorProject(Path root) throws Exception {
    home = Files.createDirectories(root.resolve("home"));
    project = Files.createDirectories(root.resolve("app"));
    config = root.resolve("config");
    state = root.resolve("state");
    store = config.resolve("keyrun/secrets.env");
    git("init", "-q");
  }

  /** Returns keyrun to run in the project, with this fixture's environment. */
  Keyrun keyrun() {
    return environment(Keyrun.in(project));
  }

  /** Runs {@code keyrun doctor} in {@code directory}, such as a subdirectory of the project. */
  Keyrun.Result doctorIn(Path directory) throws Exception {
    Keyrun.Result result = environment(Keyrun.in(directory)).args("doctor").run();
    outputs.add(result.stdout());
    outputs.add(result.stderr());
    return result;
  }

  /** Runs keyrun with {@code arguments} in the project and records its output. */
  Keyrun.Result run(String... arguments) throws Exception {
    Keyrun.Result result = keyrun().args(arguments).run();
    outputs.add(result.stdout());
    outputs.add(result.stderr());
    return result;
  }

  /** Runs {@code keyrun doctor} with {@code arguments} and returns its result. */
  Keyrun.Result doctor(String... arguments) throws Exception {
    List<String> all = new ArrayList<>(List.of("doctor"));
    all.addAll(List.of(arguments));
    return run(all.toArray(String[]::new));
  }

  /** Fails if any recorded output contains one of {@code values}. */
  void assertNoValueInOutput(String... values) {
    for (String output : outputs) {
      for (String value : values) {
        assertFalse(output.contains(value), "a fixture value appeared in keyrun's output");
      }
    }
  }

  /** Writes {@code content} to the project's {@code name} with {@code mode}. */
  Path write(String name, String content, String mode) throws Exception {
    return TestFiles.write(project.resolve(name), content, mode);
  }

  /** Runs git in the project and fails when it exits with another status than 0. */
  void git(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().putAll(environment(new Keyrun()).environment());
    builder.redirectInput(new File("/dev/null"));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git " + arguments[0] + " did not exit");
    assertEquals(0, process.exitValue(), "git " + String.join(" ", arguments) + ":\n" + output);
  }

  /** Runs git in the project, fails when it exits with another status than 0, returns stdout. */
  String gitOutput(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().putAll(environment(new Keyrun()).environment());
    builder.redirectInput(new File("/dev/null"));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git " + arguments[0] + " did not exit");
    assertEquals(0, process.exitValue(), "git " + String.join(" ", arguments));
    return output;
  }

  /** Returns the line of {@code output} that reports {@code check} with {@code status}, or "". */
  static String line(String output, String status, String check) {
    String start = String.format("%-4s  %s  ", status, check);
    return output.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
  }

  private Keyrun environment(Keyrun keyrun) {
    return keyrun
        .env("HOME", home.toString())
        .env("XDG_CONFIG_HOME", config.toString())
        .env("XDG_STATE_HOME", state.toString())
        .unset("KEYRUN_DOTENV_STORE")
        .unset("KEYRUN_PROFILE")
        .unset("KEYRUN_CREDSTORE_PATH")
        .unset("CREDENTIALS_DIRECTORY")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org");
  }
}
