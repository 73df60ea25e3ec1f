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

/**
 * {@code keyrun doctor}'s master-tokens check over a temporary home directory and project: tokens
 * in assistant configs, a shell startup file, an env file and the environment.
 */
class MasterTokensDoctorTest {
  /** A 1Password service account token: ops_ and 60 token characters. */
  private static final String SERVICE_ACCOUNT_VALUE =
      "ops_" + "eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRo";

  private static final String VAULT_VALUE = "hvs.CAESIJ7vR2mX9kL4pT8wZ3nB6cF1hJ5dG0sYaQ7vR2mX9kL4";
  private static final String CONNECT_VALUE = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjRmNjY3In0.Zm9vYmFy";
  private static final List<String> VALUES =
      List.of(SERVICE_ACCOUNT_VALUE, VAULT_VALUE, CONNECT_VALUE);
  private static final List<String> MASTER_VARIABLES =
      List.of("OP_SERVICE_ACCOUNT_TOKEN", "OP_CONNECT_TOKEN", "VAULT_TOKEN", "DOPPLER_TOKEN");

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
        assertFalse(
            result.stdout().contains(value), "stdout contains a token:\n" + result.stdout());
        assertFalse(
            result.stderr().contains(value), "stderr contains a token:\n" + result.stderr());
      }
    }
  }

  @Test
  void tokenInAssistantConfigsFails() throws Exception {
    write(
        home.resolve(".claude/settings.json"),
        "{\n  \"env\": {\n    \"OP_SERVICE_ACCOUNT_TOKEN\": \""
            + SERVICE_ACCOUNT_VALUE
            + "\"\n  }\n}\n");
    write(
        project.resolve(".cursor/mcp.json"),
        "{\"mcpServers\": {\"op\": {\"command\": \"op-mcp\",\n \"env\": {\"TOKEN\": \""
            + SERVICE_ACCOUNT_VALUE
            + "\"}}}}\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  master-tokens  ~/.claude/settings.json:3: ops_...(64 chars) is a 1Password"
                + " service account token in plain text"),
        text);
    assertTrue(text.contains("fail  master-tokens  .cursor/mcp.json:2: ops_...(64 chars)"), text);
    assertTrue(text.contains("fix: rotate the token (the assistant and anything else"), text);
    assertTrue(text.contains("keyrun set keyring://op/service-account"), text);
    assertTrue(text.contains("op.service-account-token = \"keyring://op/service-account\""), text);
    assertTrue(text.contains("keyrun -- COMMAND"), text);
  }

  @Test
  void tokenInLargeSessionLogFails() throws Exception {
    Path log = home.resolve(".claude/projects/app/session.jsonl");
    Files.createDirectories(log.getParent());
    String message = "{\"type\": \"assistant\", \"text\": \"" + "done. ".repeat(150) + "\"}\n";
    try (var writer = Files.newBufferedWriter(log)) {
      for (long written = 0; written < 5L << 20; written += message.length()) {
        writer.write(message);
      }
      writer.write("{\"env\": {\"VAULT_TOKEN\": \"" + VAULT_VALUE + "\"}}\n");
    }
    Path fifo = home.resolve(".claude/projects/app/pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(text.contains("fail  master-tokens  ~/.claude/projects/app/session.jsonl:"), text);
    assertTrue(text.contains("hvs....(52 chars) is a HashiCorp Vault token in plain text"), text);
    assertFalse(text.contains("not read"), text);
  }

  @Test
  void tokenInJsonReportIsRedacted() throws Exception {
    write(
        home.resolve(".claude/settings.json"), "{\"token\": \"" + SERVICE_ACCOUNT_VALUE + "\"}\n");

    Keyrun.Result result = doctor("--format", "json");

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "{\"check\": \"master-tokens\", \"status\": \"fail\", \"finding\":"
                    + " \"ops_...(64 chars) is a 1Password service account token in plain text\""),
        result.stdout());
    assertTrue(
        result.stdout().contains("\"file\": \"~/.claude/settings.json\", \"line\": 1}"),
        result.stdout());
  }

  @Test
  void tokenInEnvironmentWarns() throws Exception {
    Keyrun.Result result =
        doctor(
            keyrun ->
                keyrun
                    .env("OP_SERVICE_ACCOUNT_TOKEN", SERVICE_ACCOUNT_VALUE)
                    .env("OP_CONNECT_TOKEN", CONNECT_VALUE));

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "warn  master-tokens  OP_CONNECT_TOKEN=...(48 chars) in keyrun's environment is a"
                + " 1Password Connect token"),
        text);
    assertTrue(
        text.contains(
            "warn  master-tokens  OP_SERVICE_ACCOUNT_TOKEN=ops_...(64 chars) in keyrun's"
                + " environment is a 1Password service account token"),
        text);
    assertTrue(text.contains("fix: remove it from the environment"), text);
  }

  @Test
  void tokenInShellStartupFileFails() throws Exception {
    write(
        home.resolve(".bashrc"),
        "alias ll='ls -l'\n"
            + "export OP_SERVICE_ACCOUNT_TOKEN=$(keyrun read keyring://op/service-account)\n"
            + "export VAULT_TOKEN="
            + VAULT_VALUE
            + "\n");
    write(
        home.resolve(".config/fish/conf.d/op.fish"),
        "set -gx OP_CONNECT_TOKEN " + CONNECT_VALUE + "\n");
    write(home.resolve(".config/fish/config.fish"), "set -gx EDITOR vim\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  master-tokens  ~/.bashrc:3: hvs....(52 chars) is a HashiCorp Vault token"),
        text);
    assertTrue(text.contains("keyrun set keyring://vault/token"), text);
    assertFalse(text.contains("~/.bashrc:2:"), text);
    assertTrue(
        text.contains("~/.config/fish/conf.d/op.fish:1: OP_CONNECT_TOKEN=...(48 chars)"), text);
    assertFalse(text.contains("config.fish:"), text);
  }

  @Test
  void tokenInProjectEnvFileFails() throws Exception {
    write(project.resolve(".env"), "VAULT_TOKEN=" + VAULT_VALUE + "\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result.stdout().contains("fail  master-tokens  .env:1: hvs....(52 chars)"),
        result.stdout());
    assertTrue(result.stdout().contains("anything that can read this file"), result.stdout());
  }

  @Test
  void cleanMachinePasses() throws Exception {
    write(home.resolve(".zshrc"), "export OP_SERVICE_ACCOUNT_TOKEN=keyring://op/service-account\n");
    write(project.resolve(".mcp.json"), "{\"mcpServers\": {}}\n");

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "ok    master-tokens  no master tokens in the environment or in the 2 shell,"
                    + " assistant and env files read"),
        result.stdout());
  }

  private Keyrun.Result doctor(String... arguments) throws Exception {
    return doctor(keyrun -> keyrun, arguments);
  }

  private Keyrun.Result doctor(
      java.util.function.UnaryOperator<Keyrun> environment, String... arguments) throws Exception {
    Keyrun keyrun = Keyrun.in(project).args("doctor").env("HOME", home.toString());
    for (String variable : MASTER_VARIABLES) {
      keyrun.unset(variable);
    }
    Keyrun.Result result = environment.apply(keyrun).args(arguments).run();
    results.add(result);
    return result;
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
