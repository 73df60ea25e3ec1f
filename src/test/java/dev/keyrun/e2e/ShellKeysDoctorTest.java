package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun doctor}'s shell-keys check over the shell startup files of a temporary home. */
class ShellKeysDoctorTest {
  private static final String OPENAI_VALUE =
      "sk-proj-" + "Q7vR2mX9kL4pT8wZ3nB6cF1hJ5dG0sYaQ7vR2mX9";
  private static final String GITHUB_VALUE = "ghp_" + "Zk3Lm9Qx2Rt7Vb4Nc8Hd1Jf6Gs5Pw0YeUa3K";
  private static final String SERVICE_ACCOUNT_VALUE =
      "ops_" + "eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRo";
  private static final List<String> VALUES =
      List.of(OPENAI_VALUE, GITHUB_VALUE, SERVICE_ACCOUNT_VALUE);

  @TempDir Path directory;
  private Path home;
  private Path project;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createDirectories() throws Exception {
    home = Files.createDirectories(directory.resolve("home"));
    project = Files.createDirectories(directory.resolve("app"));
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : VALUES) {
        assertFalse(result.stdout().contains(value), "stdout contains a key:\n" + result.stdout());
        assertFalse(result.stderr().contains(value), "stderr contains a key:\n" + result.stderr());
      }
    }
  }

  @Test
  void exportedKeysFail() throws Exception {
    write(
        home.resolve(".bashrc"),
        "alias ll='ls -l'\nexport OPENAI_API_KEY="
            + OPENAI_VALUE
            + "\nexport GITHUB_TOKEN=\""
            + GITHUB_VALUE
            + "\"\n");
    write(home.resolve(".config/fish/conf.d/keys.fish"), "set -gx GH_TOKEN " + GITHUB_VALUE + "\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  shell-keys  ~/.bashrc:2: sk-proj-...(48 chars) is an OpenAI API key in plain"
                + " text"),
        text);
    assertTrue(text.contains("fail  shell-keys  ~/.bashrc:3: ghp_...(40 chars)"), text);
    assertTrue(text.contains("fail  shell-keys  ~/.config/fish/conf.d/keys.fish:1: ghp_"), text);
    assertTrue(text.contains("fix: rotate the key (every program started from this shell"), text);
    assertTrue(text.contains("`keyrun set keyring://openai/default`"), text);
    assertTrue(text.contains("`keyrun -- COMMAND`"), text);
  }

  @Test
  void masterTokenIsLeftToMasterTokens() throws Exception {
    write(
        home.resolve(".zshrc"), "export OP_SERVICE_ACCOUNT_TOKEN=" + SERVICE_ACCOUNT_VALUE + "\n");

    Keyrun.Result result = doctor();

    String text = result.stdout();
    assertTrue(text.contains("fail  master-tokens  ~/.zshrc:1: ops_...(64 chars)"), text);
    assertFalse(text.contains("fail  shell-keys"), text);
    assertTrue(
        text.contains("ok    shell-keys  no API keys in the 1 shell startup file read"), text);
  }

  @Test
  void referencesAreOk() throws Exception {
    write(
        home.resolve(".profile"),
        "export OPENAI_API_KEY=$(keyrun read keyring://openai/default)\n");

    Keyrun.Result result = doctor();

    assertTrue(
        result.stdout().contains("ok    shell-keys  no API keys in the 1 shell startup file read"),
        result.stdout());
  }

  @Test
  void linkedStartupFileIsRead() throws Exception {
    Path dotfile = home.resolve("dotfiles/bash/.bashrc");
    write(dotfile, "export OPENAI_API_KEY=" + OPENAI_VALUE + "\n");
    Files.createSymbolicLink(home.resolve(".bashrc"), dotfile);

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result.stdout().contains("fail  shell-keys  ~/dotfiles/bash/.bashrc:1: sk-proj-...(48"),
        result.stdout());
  }

  @Test
  void twoLinksToOneFileReportOnce() throws Exception {
    Path dotfile = home.resolve("dotfiles/shellrc");
    write(dotfile, "export OPENAI_API_KEY=" + OPENAI_VALUE + "\n");
    Files.createSymbolicLink(home.resolve(".bashrc"), dotfile);
    Files.createSymbolicLink(home.resolve(".zshrc"), dotfile);

    Keyrun.Result result = doctor();

    String start = "fail  shell-keys  ~/dotfiles/shellrc:1:";
    long count = result.stdout().lines().filter(line -> line.startsWith(start)).count();
    assertEquals(1, count, result.stdout());
  }

  private Keyrun.Result doctor() throws Exception {
    Keyrun.Result result =
        Keyrun.in(project)
            .args("doctor")
            .env("HOME", home.toString())
            .unset("OP_SERVICE_ACCOUNT_TOKEN")
            .run();
    results.add(result);
    return result;
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
