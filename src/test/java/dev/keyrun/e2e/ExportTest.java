package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun export}: each format read back by its real reader, and the warnings. */
class ExportTest {
  /** Values with every character that needs care in one of the formats. */
  private static final Map<String, String> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put("EMPTY", "");
    VALUES.put("QUOTES", "it's \"quoted\"");
    VALUES.put("BACKSLASH", "a\\b\\'c\\\\");
    VALUES.put("NEWLINES", "one\ntwo\n");
    VALUES.put("DOLLAR", "$HOME ${HOME} $(id) `id`");
    VALUES.put("UNICODE", "café ✓ 🔑");
    VALUES.put("FROM_FILE", "line one\r\nline two");
  }

  @TempDir Path directory;

  private Path envFile;

  @BeforeEach
  void seed() throws Exception {
    Path store = directory.resolve("store.env");
    StringBuilder storeLines = new StringBuilder();
    StringBuilder envLines = new StringBuilder("PLAIN=plain value\n");
    for (Map.Entry<String, String> entry : VALUES.entrySet()) {
      if (entry.getKey().equals("FROM_FILE")) {
        Path file = directory.resolve("from-file");
        Files.writeString(file, entry.getValue());
        envLines.append("FROM_FILE=file://").append(file).append('\n');
        continue;
      }
      storeLines
          .append(entry.getKey())
          .append('=')
          .append(dev.keyrun.dotenv.DotenvValueEncoder.encode(entry.getValue()))
          .append('\n');
      envLines.append(entry.getKey()).append("=dotenv:").append(store).append('#');
      envLines.append(entry.getKey()).append('\n');
    }
    TestFiles.writePrivate(store, storeLines.toString());
    envFile = TestFiles.writePrivate(directory.resolve("app.env"), envLines.toString());
  }

  private Keyrun keyrun() {
    Keyrun keyrun = Keyrun.in(directory);
    for (String name :
        new String[] {
          "CLAUDECODE",
          "GEMINI_CLI",
          "CURSOR_AGENT",
          "CODEX_SANDBOX_NETWORK_DISABLED",
          "CODEX_SANDBOX",
          "AI_AGENT"
        }) {
      keyrun.unset(name);
    }
    return keyrun;
  }

  private static Map<String, String> expected() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("PLAIN", "plain value");
    expected.putAll(VALUES);
    return expected;
  }

  /** Returns keyrun's command line as one sh word list. */
  private static String quoted(Keyrun keyrun) {
    StringBuilder command = new StringBuilder();
    for (String word : keyrun.commandLine()) {
      command.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    return command.toString();
  }

  /** Runs {@code eval "$(keyrun export ...)"} in {@code shell} and reads back every key. */
  private Map<String, String> evaluated(String shell, String format) throws Exception {
    String export =
        quoted(keyrun().args("export", "--env-file", envFile.toString(), "--format", format));
    StringBuilder script = new StringBuilder();
    if (shell.equals("fish")) {
      script.append("eval (").append(export).append("| string collect); or exit 3\n");
    } else {
      script.append("eval \"$(").append(export).append(")\" || exit 3\n");
    }
    for (String key : expected().keySet()) {
      script.append("printenv ").append(key).append("; printf '\\0'\n");
    }
    Process process =
        new ProcessBuilder(shell, "-c", script.toString()).directory(directory.toFile()).start();
    process.getOutputStream().close();
    String stderr = new String(process.getErrorStream().readAllBytes(), UTF_8);
    byte[] stdout = process.getInputStream().readAllBytes();
    assertEquals(0, process.waitFor(), stderr);

    String[] printed = new String(stdout, UTF_8).split("\0", -1);
    Map<String, String> values = new LinkedHashMap<>();
    int i = 0;
    for (String key : expected().keySet()) {
      // printenv ends each value with a newline of its own.
      values.put(key, printed[i++].replaceFirst("\n$", ""));
    }
    return values;
  }

  @Test
  void shRoundTripsThroughSh() throws Exception {
    assertEquals(expected(), evaluated("sh", "sh"));
  }

  @Test
  void fishRoundTripsThroughFish() throws Exception {
    boolean found = false;
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= !entry.isEmpty() && Files.isExecutable(Path.of(entry, "fish"));
    }
    Assumptions.assumeTrue(found, "fish not found on PATH");

    assertEquals(expected(), evaluated("fish", "fish"));
  }

  @Test
  void jsonParsesToSameValues() throws Exception {
    Keyrun.Result result =
        keyrun().args("export", "--env-file", envFile.toString(), "--format", "json").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("", result.stderr());
    assertTrue(result.stdout().endsWith("}\n"), result.stdout());
    assertEquals(1, result.stdout().split("\n").length);
    Map<?, ?> parsed = new ObjectMapper().readValue(result.stdoutBytes(), LinkedHashMap.class);
    assertEquals(expected(), parsed);
  }

  @Test
  void dotenvReadsBackAsEnvFile() throws Exception {
    Keyrun.Result dotenv =
        keyrun().args("export", "--env-file", envFile.toString(), "--format", "dotenv").run();
    Path exported =
        TestFiles.write(directory.resolve("exported.env"), dotenv.stdoutBytes(), "rw-------");

    Keyrun.Result json =
        keyrun().args("export", "--env-file", exported.toString(), "--format", "json").run();

    assertEquals(0, dotenv.status(), dotenv.stderr());
    assertEquals(0, json.status(), json.stderr());
    assertEquals(expected(), new ObjectMapper().readValue(json.stdoutBytes(), LinkedHashMap.class));
  }

  @Test
  void onlyNarrowsKeys() throws Exception {
    Keyrun.Result result =
        keyrun().args("export", "--env-file", envFile.toString(), "--only", "PLAIN,UNICODE").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("export PLAIN='plain value'\nexport UNICODE='café ✓ 🔑'\n", result.stdout());
  }

  @Test
  void failedReferencePrintsNothing() throws Exception {
    Path broken =
        TestFiles.write(
            directory.resolve("broken.env"),
            "A=file://"
                + directory.resolve("from-file")
                + "\nB=dotenv:"
                + directory.resolve("store.env")
                + "#ABSENT\n",
            "rw-r--r--");

    Keyrun.Result result = keyrun().args("export", "--env-file", broken.toString()).run();

    assertEquals(125, result.status());
    assertEquals(0, result.stdoutBytes().length);
    assertTrue(result.stderr().startsWith("keyrun: B: dotenv:"), result.stderr());
  }

  @Test
  void unknownFormatRejected() throws Exception {
    Keyrun.Result result =
        keyrun().args("export", "--env-file", envFile.toString(), "--format", "yaml").run();

    assertEquals(125, result.status());
    assertEquals(
        "keyrun: --format: unknown format\nkeyrun: hint: use sh, fish, dotenv or json\n",
        result.stderr());
  }

  @Test
  void assistantShellWarnsOnStderr() throws Exception {
    Keyrun.Result result =
        keyrun()
            .env("CLAUDECODE", "1")
            .args("export", "--env-file", envFile.toString(), "--only", "PLAIN")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("export PLAIN='plain value'\n", result.stdout());
    assertEquals(
        "keyrun: warning: secret values are printed to a program that looks like an AI"
            + " assistant's shell (CLAUDECODE is set), which may read or log them\n",
        result.stderr());
  }

  @Test
  void pipeWithoutAssistantDoesNotWarn() throws Exception {
    Keyrun.Result result =
        keyrun().args("export", "--env-file", envFile.toString(), "--only", "PLAIN").run();

    assertEquals("", result.stderr());
  }

  @Test
  void terminalWarns() throws Exception {
    UnderTerminal.assumeScript();

    String shown =
        UnderTerminal.output(
            directory,
            keyrun().args("export", "--env-file", envFile.toString(), "--only", "PLAIN"));

    assertTrue(
        shown.contains("keyrun: warning: secret values are printed on this terminal"), shown);
    assertTrue(shown.contains("export PLAIN='plain value'"), shown);
    assertFalse(shown.contains("AI assistant"), shown);
  }
}
