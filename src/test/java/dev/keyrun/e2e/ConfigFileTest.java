package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's config file, $XDG_CONFIG_HOME/keyrun/config.toml, read by a real keyrun process with a
 * private HOME and XDG_CONFIG_HOME.
 */
class ConfigFileTest {
  /** keyrun's exit status when the config file stops a run. */
  private static final int RUN_FAILED = 125;

  /** keyrun's exit status when the config file stops keyrun config. */
  private static final int CONFIG_COMMAND_FAILED = 2;

  private static final String MARKER = "<concealed by keyrun>";
  private static final String VALUE = "sk-config-test-7d41c9";

  @TempDir Path directory;

  private Path home;
  private Path configFile;
  private Path envFile;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(directory.resolve("home"));
    configFile = directory.resolve("xdg/keyrun/config.toml");
    Files.createDirectories(configFile.getParent());
    envFile = TestFiles.write(directory.resolve("app.env"), "K=dotenv:K\n", "rw-r--r--");
  }

  private Keyrun keyrun(String... arguments) {
    return Keyrun.in(directory)
        .env("HOME", home.toString())
        .env("XDG_CONFIG_HOME", directory.resolve("xdg").toString())
        .unset("KEYRUN_DOTENV_STORE")
        .unset("KEYRUN_KEYRING")
        .unset("KEYRUN_OP_TOKEN_REF")
        .unset("KEYRUN_CREDSTORE_PATH")
        .unset("KEYRUN_PROFILE")
        .args(arguments);
  }

  private void writeConfig(String content) throws Exception {
    TestFiles.write(configFile, content, "rw-r--r--");
  }

  private Path store(String name, String value) throws Exception {
    return TestFiles.writePrivate(directory.resolve(name), "K=" + value + "\n");
  }

  private Path marker() {
    return directory.resolve("child-ran");
  }

  @Test
  void configuredDotenvStoreIsUsed() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result =
        keyrun("--env-file", envFile.toString(), "--no-mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(VALUE + "\n", result.stdout());
  }

  @Test
  void storeVariableBeatsConfig() throws Exception {
    Path configured = store("team.env", "from-config");
    Path variable = store("other.env", "from-variable");
    writeConfig("[dotenv]\nstore = \"" + configured + "\"\n");

    Keyrun.Result result =
        keyrun("--env-file", envFile.toString(), "--no-mask", "--", "printenv", "K")
            .env("KEYRUN_DOTENV_STORE", variable.toString())
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("from-variable\n", result.stdout());
  }

  @Test
  void configSettingStaysOutOfChildEnvironment() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("keyring = \"secret-service\"\n[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result = keyrun("--env-file", envFile.toString(), "--", "env").run();

    assertEquals(0, result.status(), result.stderr());
    assertFalse(result.stdout().contains("KEYRUN_DOTENV_STORE"), result.stdout());
    assertFalse(result.stdout().contains("KEYRUN_KEYRING"), result.stdout());
  }

  @Test
  void maskNeverLeavesPipedOutputUnmasked() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("mask = \"never\"\n[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result = keyrun("--env-file", envFile.toString(), "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(VALUE + "\n", result.stdout());
  }

  @Test
  void maskOptionBeatsMaskNever() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("mask = \"never\"\n[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result =
        keyrun("--env-file", envFile.toString(), "--mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(MARKER + "\n", result.stdout());
  }

  @Test
  void maskAlwaysMasksPipedOutput() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("mask = \"always\"\n[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result = keyrun("--env-file", envFile.toString(), "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(MARKER + "\n", result.stdout());
  }

  @Test
  void configTimeoutApplies() throws Exception {
    Path slowEnv = hangingEnvFile();
    writeConfig("timeout = 1\n");

    Keyrun.Result result =
        keyrun("--env-file", slowEnv.toString(), "--", "touch", marker().toString()).run();

    assertEquals(RUN_FAILED, result.status());
    assertTrue(result.stderr().contains("timed out after 1 s"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void timeoutOptionBeatsConfig() throws Exception {
    Path slowEnv = hangingEnvFile();
    writeConfig("timeout = 1\n");

    Keyrun.Result result =
        keyrun("--timeout", "2", "--env-file", slowEnv.toString(), "--", "true").run();

    assertEquals(RUN_FAILED, result.status());
    assertTrue(result.stderr().contains("timed out after 2 s"), result.stderr());
  }

  /** Returns an env file whose one reference reads a FIFO that no one writes, so it never ends. */
  private Path hangingEnvFile() throws Exception {
    Path fifo = directory.resolve("fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    return TestFiles.writePrivate(directory.resolve("slow.env"), "SLOW=file://" + fifo + "\n");
  }

  @Test
  void configCommandNamesEachSource() throws Exception {
    writeConfig("profile = \"laptop\"\n\n[rotation]\nmax-age-days = 30\n");

    Keyrun.Result result = keyrun("config").env("KEYRUN_KEYRING", "keychain").run();

    assertEquals(0, result.status(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals("config file: " + configFile, lines.get(0));
    assertTrue(
        row(lines, "profile").matches("profile +laptop +" + configFile + ":1"), lines.toString());
    assertTrue(
        row(lines, "rotation.max-age-days").matches("\\S+ +30 +" + configFile + ":4"),
        lines.toString());
    assertTrue(
        row(lines, "keyring").matches("keyring +keychain +environment KEYRUN_KEYRING"),
        lines.toString());
    assertTrue(row(lines, "timeout").matches("timeout +30 +default"), lines.toString());
    assertTrue(row(lines, "mask").matches("mask +auto +default"), lines.toString());
    assertEquals("", result.stderr());
  }

  @Test
  void configCommandWritesJson() throws Exception {
    writeConfig("timeout = 12\n");

    Keyrun.Result result =
        keyrun("config", "--format", "json").env("KEYRUN_PROFILE", "server").run();

    assertEquals(0, result.status(), result.stderr());
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertEquals(configFile.toString(), json.get("file").asText());
    assertTrue(json.get("found").asBoolean());
    JsonNode timeout = json.get("settings").get("timeout");
    assertEquals(12, timeout.get("value").asInt());
    assertEquals("config", timeout.get("source").asText());
    assertEquals(1, timeout.get("line").asInt());
    JsonNode profile = json.get("settings").get("profile");
    assertEquals("environment", profile.get("source").asText());
    assertEquals("KEYRUN_PROFILE", profile.get("variable").asText());
    assertEquals("default", json.get("settings").get("mask").get("source").asText());
  }

  @Test
  void configCommandTellsWhenFileIsMissing() throws Exception {
    Keyrun.Result result = keyrun("config").run();

    assertEquals(0, result.status(), result.stderr());
    String first = result.stdout().lines().findFirst().orElse("");
    assertTrue(first.startsWith("config file: " + configFile + " (not found"), first);
  }

  @Test
  void configPathWorksWithBrokenFile() throws Exception {
    writeConfig("timeout = \n");

    Keyrun.Result result = keyrun("config", "path").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(configFile + "\n", result.stdout());
  }

  @Test
  void configCommandHidesTokenThatIsNoReference() throws Exception {
    String token = "ops_eyJ0b2tlbiI6ImNvbmZpZy10ZXN0In0";

    Keyrun.Result result = keyrun("config").env("KEYRUN_OP_TOKEN_REF", token).run();

    assertEquals(0, result.status(), result.stderr());
    assertFalse(result.stdout().contains(token), result.stdout());
    assertFalse(result.stderr().contains(token), result.stderr());
    assertTrue(
        row(result.stdout().lines().toList(), "op.service-account-token").contains("hidden"));
  }

  @Test
  void configCommandResolvesNoReference() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig(
        "[dotenv]\nstore = \"" + store + "\"\n[op]\nservice-account-token = \"dotenv:K\"\n");

    Keyrun.Result result = keyrun("config", "--format", "json").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("dotenv:K"), result.stdout());
    assertFalse(result.stdout().contains(VALUE), result.stdout());
    assertFalse(result.stderr().contains(VALUE), result.stderr());
  }

  @Test
  void malformedConfigStopsRun() throws Exception {
    writeConfig("profile = \"laptop\"\ntimeout = \n");

    Keyrun.Result result = keyrun("--", "touch", marker().toString()).run();

    assertEquals(RUN_FAILED, result.status());
    List<String> lines = result.stderr().lines().toList();
    assertEquals(2, lines.size(), result.stderr());
    assertTrue(lines.get(0).startsWith("keyrun: " + configFile + ":2: invalid TOML"), lines.get(0));
    assertTrue(lines.get(1).startsWith("keyrun: hint: "), lines.get(1));
    assertFalse(Files.exists(marker()));
  }

  @Test
  void unknownSettingStopsRun() throws Exception {
    writeConfig("[dotenv]\nstroe = \"/srv/secrets.env\"\n");

    Keyrun.Result result = keyrun("--", "touch", marker().toString()).run();

    assertEquals(RUN_FAILED, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: " + configFile + ":2: unknown setting dotenv.stroe\n"),
        result.stderr());
    assertTrue(result.stderr().contains("did you mean dotenv.store?"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void malformedConfigFailsConfigCommand() throws Exception {
    writeConfig("mask = \"sometimes\"\n");

    Keyrun.Result result = keyrun("config").run();

    assertEquals(CONFIG_COMMAND_FAILED, result.status());
    assertEquals("", result.stdout());
    assertTrue(result.stderr().startsWith("keyrun: " + configFile + ":1: "), result.stderr());
  }

  @Test
  void configWritableByOthersStopsRun() throws Exception {
    TestFiles.write(configFile, "timeout = 5\n", "rw-rw-rw-");

    Keyrun.Result result = keyrun("--", "touch", marker().toString()).run();

    assertEquals(RUN_FAILED, result.status());
    assertTrue(result.stderr().contains("writable by other users"), result.stderr());
    assertFalse(Files.exists(marker()));
  }

  @Test
  void readUsesConfiguredStore() throws Exception {
    Path store = store("team.env", VALUE);
    writeConfig("[dotenv]\nstore = \"" + store + "\"\n");

    Keyrun.Result result = keyrun("read", "dotenv:K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(VALUE + "\n", result.stdout());
  }

  private static String row(List<String> lines, String key) {
    return lines.stream()
        .filter(line -> line.startsWith(key + " "))
        .findFirst()
        .orElse("(no row " + key + ")")
        .stripTrailing();
  }
}
