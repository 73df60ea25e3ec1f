package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun doctor} over a real git repository with a leaky env file and tracked keys. */
class DoctorTest {
  /** An OpenAI-style key: sk- and 48 token characters. */
  private static final String OPENAI_VALUE =
      "sk-" + "Q7vR2mX9kL4pT8wZ3nB6cF1hJ5dG0sYa".repeat(2).substring(0, 48);

  private static final String GITHUB_VALUE = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

  @TempDir Path directory;
  private Path home;
  private Path project;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createRepository() throws Exception {
    home = Files.createDirectories(directory.resolve("home"));
    project = Files.createDirectories(directory.resolve("app"));
    git("init", "-q");
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(OPENAI_VALUE, GITHUB_VALUE)) {
        assertFalse(result.stdout().contains(value), "stdout contains a key:\n" + result.stdout());
        assertFalse(result.stderr().contains(value), "stderr contains a key:\n" + result.stderr());
      }
    }
  }

  @Test
  void leakyEnvFileFailsWithFixes() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-r--r--");
    git("add", ".env");
    git("commit", "-q", "-m", "add env");
    git("rm", "-q", "--cached", ".env");
    git("commit", "-q", "-m", "untrack env");

    Keyrun.Result result = doctor("--format", "text");

    assertEquals(1, result.status(), result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  env-permissions  .env is readable by group and others (mode 644)"
                + "  fix: chmod 600 .env"),
        text);
    assertTrue(text.contains("warn  env-gitignore  .env is not ignored by git"), text);
    assertTrue(text.contains("add the line \"/.env\" to .gitignore"), text);
    assertTrue(text.contains("ok    env-tracked"), text);
    assertTrue(
        text.contains(
            "warn  env-history  .env is in the git history with plain values (added in 1 commit"),
        text);
    assertTrue(text.contains("rotate every key it held"), text);
  }

  @Test
  void trackedEnvFileFailsWithRemoval() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-------");
    git("add", ".env");
    git("commit", "-q", "-m", "add env");

    Keyrun.Result result = doctor("--format", "text");

    assertEquals(1, result.status(), result.stderr());
    String text = result.stdout();
    assertTrue(text.contains("fail  env-tracked  .env is tracked by git"), text);
    assertTrue(text.contains("fix: git rm --cached .env, ignore it, and rotate"), text);
    assertTrue(
        text.contains(
            "warn  env-history  .env is in the git history with plain values (added in 1 commit,"),
        text);
    assertTrue(text.contains("fail  tracked-keys  .env:1: sk-...(51 chars)"), text);
  }

  @Test
  void fixedProjectPassesWithHistoryWarning() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-r--r--");
    git("add", ".env");
    git("commit", "-q", "-m", "add env");
    git("rm", "-q", "--cached", ".env");
    git("commit", "-q", "-m", "untrack env");

    writeEnv("OPENAI_API_KEY=env://OPENAI_SOURCE\n", "rw-------");
    Files.writeString(project.resolve(".gitignore"), "/.env\n");
    git("add", ".gitignore");
    git("commit", "-q", "-m", "ignore env");
    Keyrun.Result reference = doctor("--format", "text");

    assertEquals(0, reference.status(), reference.stdout() + reference.stderr());
    assertTrue(reference.stdout().contains("ok    env-permissions  no plaintext env files"));

    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-------");
    Keyrun.Result plaintext = doctor("--format", "text");

    assertEquals(0, plaintext.status(), plaintext.stdout() + plaintext.stderr());
    String text = plaintext.stdout();
    assertTrue(text.contains("ok    env-permissions  the plaintext env file is private"), text);
    assertTrue(text.contains("ok    env-gitignore"), text);
    assertTrue(text.contains("ok    env-tracked"), text);
    assertTrue(text.contains("warn  env-history  .env is in the git history"), text);
    assertTrue(text.contains("ok    tracked-keys"), text);
  }

  @Test
  void deletedEnvFileKeepsHistoryWarning() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-------");
    git("add", ".env");
    git("commit", "-q", "-m", "add env");
    git("rm", "-q", ".env");
    git("commit", "-q", "-m", "delete env");

    Keyrun.Result result = doctor("--format", "text");

    assertTrue(
        result
            .stdout()
            .contains(
                "warn  env-history  .env is in the git history with plain values (added in 1"),
        result.stdout());
  }

  @Test
  void referencesKeepHistoryWarning() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-------");
    git("add", ".env");
    git("commit", "-q", "-m", "add env");
    writeEnv("OPENAI_API_KEY=keyring://app/openai\n", "rw-------");

    Keyrun.Result result = doctor("--format", "text");

    assertTrue(
        result.stdout().contains("warn  env-history  .env is in the git history with plain values"),
        result.stdout());
  }

  @Test
  void committedReferencesAreNoHistoryFinding() throws Exception {
    writeEnv("OPENAI_API_KEY=keyring://app/openai\n", "rw-r--r--");
    git("add", ".env");
    git("commit", "-q", "-m", "add references");

    Keyrun.Result result = doctor("--format", "text");

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains("ok    env-history  no commit added a plain value to the env file"),
        result.stdout());
  }

  @Test
  void ignoreLineInSubdirectoryProject() throws Exception {
    Path service = Files.createDirectories(project.resolve("svc"));
    Files.writeString(service.resolve(".env"), "OPENAI_API_KEY=" + OPENAI_VALUE + "\n");
    Files.setPosixFilePermissions(
        service.resolve(".env"), PosixFilePermissions.fromString("rw-------"));

    Keyrun.Result before = doctor("--dir", service.toString());
    Files.writeString(service.resolve(".gitignore"), "/.env\n");
    Keyrun.Result after = doctor("--dir", service.toString());

    assertTrue(
        before.stdout().contains("fix: add the line \"/.env\" to .gitignore"), before.stdout());
    assertTrue(after.stdout().contains("ok    env-gitignore"), after.stdout());
  }

  @Test
  void trackedKeyIsReportedRedacted() throws Exception {
    Files.writeString(
        project.resolve("settings.py"),
        "DEBUG = True\nOPENAI = \"" + OPENAI_VALUE + "\"\nTOKEN = '" + GITHUB_VALUE + "'\n");
    git("add", "settings.py");
    git("commit", "-q", "-m", "settings");

    Keyrun.Result text = doctor("--format", "text");
    Keyrun.Result json = doctor("--format", "json");

    assertEquals(1, text.status(), text.stderr());
    assertTrue(
        text.stdout().contains("fail  tracked-keys  settings.py:2: sk-...(51 chars) matches the"),
        text.stdout());
    assertTrue(text.stdout().contains("settings.py:3: ghp_...(40 chars)"), text.stdout());
    assertEquals(1, json.status(), json.stderr());
    assertTrue(json.stdout().startsWith("{\"directory\": "), json.stdout());
    assertTrue(json.stdout().contains("\"failed\": true"), json.stdout());
    assertTrue(
        json.stdout()
            .contains(
                "{\"check\": \"tracked-keys\", \"status\": \"fail\", \"finding\":"
                    + " \"sk-...(51 chars) matches the OpenAI API key format\""),
        json.stdout());
    assertTrue(json.stdout().contains("\"file\": \"settings.py\", \"line\": 2}"), json.stdout());
  }

  @Test
  void trackedKeyFixFitsFile() throws Exception {
    Files.writeString(project.resolve("settings.py"), "OPENAI = \"" + OPENAI_VALUE + "\"\n");
    Files.writeString(project.resolve(".env.example"), "OPENAI_API_KEY=" + OPENAI_VALUE + "\n");
    Files.createDirectories(project.resolve(".cursor"));
    Files.writeString(
        project.resolve(".cursor/mcp.json"), "{\"env\": {\"KEY\": \"" + GITHUB_VALUE + "\"}}\n");
    git("add", "settings.py", ".env.example", ".cursor/mcp.json");
    git("commit", "-q", "-m", "keys");

    String text = doctor().stdout();

    assertTrue(
        text.contains(
            "settings.py:1: sk-...(51 chars) matches the OpenAI API key format  fix: rotate it,"
                + " store the new key with keyrun set, read it from the environment in the code,"
                + " declare its reference in keyrun.toml or .env and start the program with"
                + " keyrun -- COMMAND"),
        text);
    assertTrue(
        text.contains(
            ".env.example:1: sk-...(51 chars) matches the OpenAI API key format  fix: rotate it,"
                + " store the new key with keyrun set and write its reference here\n"),
        text);
    assertTrue(
        text.contains(
            ".cursor/mcp.json:1: ghp_...(40 chars) matches the GitHub API key format  fix:"
                + " rotate it, store the new key with keyrun set, write its reference here in"
                + " place of the key and start the server with keyrun -- COMMAND"),
        text);
  }

  @Test
  void gitChecksSkippedOutsideRepository() throws Exception {
    Path plain = Files.createDirectories(directory.resolve("plain"));
    Files.writeString(plain.resolve("service.env"), "TOKEN=" + GITHUB_VALUE + "\n");
    Files.setPosixFilePermissions(
        plain.resolve("service.env"), PosixFilePermissions.fromString("rw-------"));

    Keyrun.Result result = doctor("--dir", plain.toString());

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(text.contains("ok    env-permissions"), text);
    for (String check : List.of("env-gitignore", "env-tracked", "env-history", "tracked-keys")) {
      assertTrue(
          text.contains("skipped  " + check + "  " + plain + " is not in a git repository"), text);
    }
  }

  @Test
  void missingDirectoryIsUsageError() throws Exception {
    Keyrun.Result result = doctor("--dir", directory.resolve("absent").toString());

    assertEquals(2, result.status(), result.stderr());
    assertTrue(result.stderr().contains("not a directory"), result.stderr());
  }

  @Test
  void linkedProjectDirectoryIsWalked() throws Exception {
    writeEnv("OPENAI_API_KEY=" + OPENAI_VALUE + "\n", "rw-r--r--");
    Path link = Files.createSymbolicLink(directory.resolve("linked-app"), project);

    Keyrun.Result result = doctor("--dir", link.toString());

    assertEquals(1, result.status(), result.stderr());
    assertTrue(
        result.stdout().contains("fail  env-permissions  .env is readable by group and others"),
        result.stdout());
  }

  private Keyrun.Result doctor(String... arguments) throws Exception {
    Keyrun keyrun = environment(Keyrun.in(project).args("doctor"));
    Keyrun.Result result = keyrun.args(arguments).run();
    results.add(result);
    return result;
  }

  private Keyrun environment(Keyrun keyrun) {
    return keyrun
        .env("HOME", home.toString())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org");
  }

  private void writeEnv(String content, String mode) throws Exception {
    Path env = project.resolve(".env");
    Files.writeString(env, content);
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString(mode));
  }

  private void git(String... arguments) throws Exception {
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
}
