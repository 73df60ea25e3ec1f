package dev.keyrun.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fake {@code op} script as a child process and checks what it prints and logs. */
class FakeOpTest {
  private static final Path FAKE = Path.of("src/test/fakes/op").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR = "[ERROR] 2026/01/01 00:00:00 ";
  private static final String VALID_TOKEN = "ops_eyJzaWduSW5BZGRyZXNzIjoi";
  private static final String NO_ACCOUNTS = "No accounts configured for use with 1Password CLI.";
  private static final String ADD_ACCOUNT_PROMPT =
      "Do you want to add an account manually now? [Y/n] ";

  /** Multi-line value with a NUL, a CR and non-UTF-8 bytes, and no trailing newline. */
  private static final byte[] CERTIFICATE = {
    '-',
    '-',
    'B',
    'E',
    'G',
    'I',
    'N',
    '\n',
    'a',
    '\r',
    '\n',
    0,
    (byte) 0xff,
    (byte) 0xc3,
    '\n',
    '-',
    '-',
    'E',
    'N',
    'D'
  };

  @TempDir Path directory;

  private record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, UTF_8);
    }
  }

  private Path database() {
    return directory.resolve("db");
  }

  private Path callLog() {
    return directory.resolve("calls.jsonl");
  }

  @BeforeEach
  void createVaults() throws IOException {
    store("Private/GitHub/token", "ghp_secret".getBytes(UTF_8));
    store("Private/GitHub/Login Details/username", "octo".getBytes(UTF_8));
    store("Private/Server/certificate", CERTIFICATE);
  }

  private void store(String relativePath, byte[] value) throws IOException {
    Path file = database().resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.write(file, value);
  }

  private Result run(String... args) throws Exception {
    return run(Map.of(), "", args);
  }

  private Result runWith(Map<String, String> environment, String... args) throws Exception {
    return run(environment, "", args);
  }

  private Result run(Map<String, String> environment, String input, String... args)
      throws Exception {
    return run(environment, input.getBytes(UTF_8), args);
  }

  private Result run(Map<String, String> environment, byte[] input, String... args)
      throws Exception {
    Process process = start(environment, args);
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    }
    return finish(process, stdout, stderr);
  }

  private Result inject(String template) throws Exception {
    return run(Map.of(), template, "inject");
  }

  /**
   * Builds a command for the fake with its state in the temporary directory. A null value in {@code
   * environment} unsets that variable.
   */
  private ProcessBuilder builder(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(FAKE.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> variables = builder.environment();
    variables.keySet().removeIf(name -> name.startsWith("FAKE_OP_") || name.startsWith("OP_"));
    variables.put("FAKE_OP_DB", database().toString());
    variables.put("FAKE_OP_LOG", callLog().toString());
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            variables.remove(name);
          } else {
            variables.put(name, value);
          }
        });
    return builder;
  }

  private Process start(Map<String, String> environment, String... args) throws IOException {
    return builder(environment, args).start();
  }

  private static Result finish(
      Process process, CompletableFuture<byte[]> stdout, CompletableFuture<byte[]> stderr)
      throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("fake op did not finish within 60 s");
    }
    return new Result(process.exitValue(), stdout.get(), new String(stderr.get(), UTF_8));
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private List<JsonNode> logEntries() throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    for (String line : Files.readAllLines(callLog(), UTF_8)) {
      entries.add(JSON.readTree(line));
    }
    return entries;
  }

  private static Map<String, String> env(String... namesAndValues) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      environment.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return environment;
  }

  // ---------------------------------------------------------------------------
  // op read

  @Test
  void readAppendsNewline() throws Exception {
    Result result = run("read", "op://Private/GitHub/token");

    assertEquals(0, result.exitCode());
    assertEquals("ghp_secret\n", result.out());
    assertEquals("", result.stderr());
  }

  @Test
  void readNoNewlineFlags() throws Exception {
    Result shortFlag = run("read", "-n", "op://Private/GitHub/token");
    Result longFlag = run("read", "--no-newline", "op://Private/GitHub/token");

    assertEquals(0, shortFlag.exitCode());
    assertEquals("ghp_secret", shortFlag.out());
    assertEquals(0, longFlag.exitCode());
    assertEquals("ghp_secret", longFlag.out());
  }

  @Test
  void readKeepsBinaryValue() throws Exception {
    Result result = run("read", "-n", "op://Private/Server/certificate");

    assertEquals(0, result.exitCode());
    assertArrayEquals(CERTIFICATE, result.stdout());
  }

  @Test
  void readIgnoresCase() throws Exception {
    Result result = run("read", "op://private/GITHUB/Token");

    assertEquals(0, result.exitCode());
    assertEquals("ghp_secret\n", result.out());
  }

  @Test
  void readSectionField() throws Exception {
    Result exact = run("read", "op://Private/GitHub/Login Details/username");
    Result otherCase = run("read", "op://private/github/login details/USERNAME");

    assertEquals(0, exact.exitCode());
    assertEquals("octo\n", exact.out());
    assertEquals(0, otherCase.exitCode());
    assertEquals("octo\n", otherCase.out());
  }

  @Test
  void readMissingSectionField() throws Exception {
    Result result = run("read", "op://Private/GitHub/Other/username");

    assertEquals(1, result.exitCode());
    assertEquals(
        ERROR
            + "could not read secret 'op://Private/GitHub/Other/username': item 'Private/GitHub'"
            + " does not have a field 'username'\n",
        result.stderr());
  }

  @Test
  void readMissingItem() throws Exception {
    Result result = run("read", "op://Private/GitLab/token");

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertEquals(
        ERROR
            + "could not read secret 'op://Private/GitLab/token': could not get item"
            + " Private/GitLab: \"GitLab\" isn't an item in the \"Private\" vault. Specify the"
            + " item with its UUID, name, or domain.\n",
        result.stderr());
  }

  @Test
  void readMissingField() throws Exception {
    Result result = run("read", "op://Private/GitHub/password");

    assertEquals(1, result.exitCode());
    assertEquals(
        ERROR
            + "could not read secret 'op://Private/GitHub/password': item 'Private/GitHub' does"
            + " not have a field 'password'\n",
        result.stderr());
  }

  @Test
  void readFieldNotSection() throws Exception {
    Result result = run("read", "op://Private/GitHub/Login Details");

    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().contains("does not have a field 'Login Details'"), result.stderr());
  }

  @Test
  void readMissingVault() throws Exception {
    Result result = run("read", "op://Work/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals(
        ERROR
            + "could not read secret 'op://Work/GitHub/token': \"Work\" isn't a vault in this"
            + " account\n",
        result.stderr());
  }

  @Test
  void readMalformedReference() throws Exception {
    for (String reference :
        List.of("op://Private/GitHub", "op://Private//token", "op:///GitHub/token", "op://")) {
      Result result = run("read", reference);

      assertEquals(1, result.exitCode(), reference);
      assertEquals("", result.out(), reference);
      assertEquals(
          ERROR
              + "could not read secret '"
              + reference
              + "': invalid secret reference '"
              + reference
              + "': too few parts\n",
          result.stderr(),
          reference);
    }
  }

  @Test
  void readOtpAttribute() throws Exception {
    Result result = run("read", "op://Private/GitHub/token?attribute=otp");

    assertEquals(0, result.exitCode());
    assertEquals("123456\n", result.out());
  }

  @Test
  void readUnknownAttribute() throws Exception {
    Result result = run("read", "op://Private/GitHub/token?attribute=colour");

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertTrue(result.stderr().startsWith(ERROR), result.stderr());
    assertTrue(result.stderr().contains("colour"), result.stderr());
  }

  @Test
  void readWithoutReference() throws Exception {
    Result result = run("read");

    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().startsWith(ERROR), result.stderr());
  }

  // ---------------------------------------------------------------------------
  // op inject

  @Test
  void injectEnclosedReferences() throws Exception {
    Result result =
        inject(
            "A={{op://Private/GitHub/token}}\nB={{  op://Private/GitHub/Login Details/username }}\n");

    assertEquals(0, result.exitCode());
    assertEquals("A=ghp_secret\nB=octo\n", result.out());
    assertEquals("", result.stderr());
  }

  @Test
  void injectUnenclosedReferences() throws Exception {
    Result result =
        inject(
            "TOKEN=op://Private/GitHub/token\n"
                + "CODE=op://private/github/token?attribute=otp;\n"
                + "\"op://Private/GitHub/token\"\n");

    assertEquals(0, result.exitCode());
    assertEquals("TOKEN=ghp_secret\nCODE=123456;\n\"ghp_secret\"\n", result.out());
  }

  @Test
  void injectSkipsEmbeddedScheme() throws Exception {
    String template = "xop://Private/GitHub/token -op://a/b/c .op://a/b/c\n";

    Result result = inject(template);

    assertEquals(0, result.exitCode());
    assertEquals(template, result.out());
  }

  @Test
  void injectKeepsValueBytes() throws Exception {
    String delimiter = "\n---KEYRUN-8f3a---\n";
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(delimiter.getBytes(UTF_8));
    expected.write(CERTIFICATE);
    expected.write(delimiter.getBytes(UTF_8));
    expected.write("ghp_secret".getBytes(UTF_8));
    expected.write(delimiter.getBytes(UTF_8));

    Result result =
        inject(
            delimiter
                + "{{ op://Private/Server/certificate }}"
                + delimiter
                + "op://Private/GitHub/token"
                + delimiter);

    assertEquals(0, result.exitCode());
    assertArrayEquals(expected.toByteArray(), result.stdout());
  }

  @Test
  void injectPassesOtherBytesThrough() throws Exception {
    byte[] template = {'a', 0, (byte) 0xfe, '\r', '\n', '{', '{', ' ', '}', '}', '$', 'X'};

    Result result = run(Map.of(), template, "inject");

    assertEquals(0, result.exitCode());
    assertArrayEquals(template, result.stdout());
  }

  @Test
  void injectAllOrNothing() throws Exception {
    Result result =
        inject(
            "A={{ op://Private/GitHub/token }}\n"
                + "B={{ op://Private/GitHub/missing }}\n"
                + "C=op://Private/Nothing/here\n");

    assertEquals(1, result.exitCode());
    assertEquals(0, result.stdout().length);
    assertEquals(
        ERROR
            + "could not read secret 'op://Private/GitHub/missing': item 'Private/GitHub' does"
            + " not have a field 'missing'\n",
        result.stderr());
  }

  @Test
  void injectReadsAndWritesFiles() throws Exception {
    Path template = directory.resolve("template.env");
    Path output = directory.resolve("out.env");
    Files.writeString(template, "TOKEN={{ op://Private/GitHub/token }}\n");

    Result result = run("inject", "-i", template.toString(), "-o", output.toString(), "-f");

    assertEquals(0, result.exitCode());
    assertEquals("", result.out());
    assertEquals("TOKEN=ghp_secret\n", Files.readString(output));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
  }

  // ---------------------------------------------------------------------------
  // Sign-in modes

  @Test
  void serviceAccountAccepted() throws Exception {
    Result result =
        runWith(env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN), "read", "op://Private/GitHub/token");

    assertEquals(0, result.exitCode());
    assertEquals("ghp_secret\n", result.out());
  }

  @Test
  void serviceAccountMalformed() throws Exception {
    Result result =
        runWith(
            env("OP_SERVICE_ACCOUNT_TOKEN", "not-a-token"), "read", "op://Private/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertEquals(
        ERROR
            + "error initializing client: Validation: (failed to session.DecodeSACredentials),"
            + " Server: (failed to DecodeSACredentials), illegal base64 data at input byte 12\n",
        result.stderr());
  }

  @Test
  void serviceAccountRevoked() throws Exception {
    Map<String, String> environment =
        env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN, "FAKE_OP_REVOKED", VALID_TOKEN);

    Result result = runWith(environment, "read", "op://Private/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals(ERROR + "(401) Unauthorized: invalid bearer token\n", result.stderr());
  }

  @Test
  void serviceAccountWinsOverSignedOut() throws Exception {
    Map<String, String> environment =
        env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN, "FAKE_OP_SIGNED_OUT", "1");

    Result result = runWith(environment, "read", "op://Private/GitHub/token");

    assertEquals(0, result.exitCode());
  }

  @Test
  void signedOutRead() throws Exception {
    Result result = runWith(env("FAKE_OP_SIGNED_OUT", "1"), "read", "op://Private/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertEquals(
        ERROR
            + "could not read secret 'op://Private/GitHub/token': error initializing client: You"
            + " are not currently signed in. Please run `op signin --help` for instructions\n",
        result.stderr());
  }

  @Test
  void signedOutInjectNamesFirstReference() throws Exception {
    Result result =
        run(
            env("FAKE_OP_SIGNED_OUT", "1"),
            "A=op://Private/Server/certificate\nB={{ op://Private/GitHub/token }}\n",
            "inject");

    assertEquals(1, result.exitCode());
    assertEquals(0, result.stdout().length);
    assertTrue(
        result
            .stderr()
            .startsWith(ERROR + "could not read secret 'op://Private/Server/certificate'"),
        result.stderr());
  }

  @Test
  void signedOutChecksBeforeLookup() throws Exception {
    Result result = runWith(env("FAKE_OP_SIGNED_OUT", "1"), "read", "op://Work/Nothing/here");

    assertTrue(result.stderr().contains("You are not currently signed in"), result.stderr());
  }

  @Test
  void noAccountsEndOfInput() throws Exception {
    ProcessBuilder builder =
        builder(env("FAKE_OP_NO_ACCOUNTS", "1"), "read", "op://Private/GitHub/token");
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();

    Result result =
        finish(process, drain(process.getInputStream()), drain(process.getErrorStream()));

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertTrue(result.stderr().startsWith(NO_ACCOUNTS), result.stderr());
    assertTrue(result.stderr().contains("op account add"), result.stderr());
    assertTrue(result.stderr().contains("OP_SERVICE_ACCOUNT_TOKEN"), result.stderr());
    assertTrue(result.stderr().contains("OP_CONNECT_HOST"), result.stderr());
    assertTrue(result.stderr().contains("OP_CONNECT_TOKEN"), result.stderr());
    assertTrue(result.stderr().contains(ADD_ACCOUNT_PROMPT), result.stderr());
  }

  @Test
  void noAccountsWaitsForStdin() throws Exception {
    Process process = start(env("FAKE_OP_NO_ACCOUNTS", "1"), "read", "op://Private/GitHub/token");
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());

    boolean exitedWhileStdinOpen = process.waitFor(1, TimeUnit.SECONDS);
    process.getOutputStream().close();
    Result result = finish(process, stdout, stderr);

    assertFalse(exitedWhileStdinOpen, "the fake exited before its stdin was closed");
    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().contains(ADD_ACCOUNT_PROMPT), result.stderr());
  }

  @Test
  void noAccountsAnswerStillFails() throws Exception {
    Result result =
        run(env("FAKE_OP_NO_ACCOUNTS", "1"), "Y\n", "read", "op://Private/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
  }

  @Test
  void noAccountsInjectReadsTemplateFirst() throws Exception {
    Result result =
        run(env("FAKE_OP_NO_ACCOUNTS", "1"), "A={{ op://Private/GitHub/token }}\n", "inject");

    assertEquals(1, result.exitCode());
    assertEquals(0, result.stdout().length);
    assertTrue(result.stderr().startsWith(NO_ACCOUNTS), result.stderr());
    assertTrue(result.stderr().contains(ADD_ACCOUNT_PROMPT), result.stderr());
  }

  @Test
  void biometricDenied() throws Exception {
    Result result =
        runWith(env("FAKE_OP_BIOMETRIC_DENY", "1"), "read", "op://Private/GitHub/token");

    assertEquals(1, result.exitCode());
    assertEquals(
        ERROR + "error initializing client: authorization prompt dismissed, please try again\n",
        result.stderr());
  }

  @Test
  void biometricDelaySucceeds() throws Exception {
    Result result =
        runWith(env("FAKE_OP_BIOMETRIC_DELAY", "0.2"), "read", "op://Private/GitHub/token");

    assertEquals(0, result.exitCode());
    assertEquals("ghp_secret\n", result.out());
  }

  @Test
  void delaySucceeds() throws Exception {
    Result result = runWith(env("FAKE_OP_DELAY", "0.2"), "read", "op://Private/GitHub/token");

    assertEquals(0, result.exitCode());
    assertEquals("ghp_secret\n", result.out());
  }

  @Test
  void delayRejectsNonNumber() throws Exception {
    Result result = runWith(env("FAKE_OP_DELAY", "soon"), "--version");

    assertEquals(125, result.exitCode());
    assertTrue(result.stderr().contains("FAKE_OP_DELAY"), result.stderr());
  }

  // ---------------------------------------------------------------------------
  // Other commands

  @Test
  void versionPrints() throws Exception {
    Result result = run("--version");

    assertEquals(0, result.exitCode());
    assertEquals("2.30.0\n", result.out());
  }

  @Test
  void whoamiServiceAccount() throws Exception {
    Result result = runWith(env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN), "whoami");

    assertEquals(0, result.exitCode());
    assertEquals("{\"account_uuid\":\"FAKE\",\"user_type\":\"SERVICE_ACCOUNT\"}\n", result.out());
  }

  @Test
  void whoamiSignedOut() throws Exception {
    for (Map<String, String> environment :
        List.of(
            env("FAKE_OP_SIGNED_OUT", "1"),
            env("FAKE_OP_NO_ACCOUNTS", "1"),
            env("OP_SERVICE_ACCOUNT_TOKEN", "bad"))) {
      Result result = runWith(environment, "whoami");

      assertEquals(1, result.exitCode(), environment.toString());
      assertEquals(ERROR + "account is not signed in\n", result.stderr(), environment.toString());
    }
  }

  @Test
  void unknownCommand() throws Exception {
    Result result = run("vault", "list");
    Result itemCommand = run("item", "get", "GitHub");

    assertEquals(1, result.exitCode());
    assertEquals(ERROR + "unknown command \"vault\" for \"op\"\n", result.stderr());
    assertEquals(1, itemCommand.exitCode());
    assertEquals(ERROR + "unknown command \"get\" for \"op item\"\n", itemCommand.stderr());
  }

  // ---------------------------------------------------------------------------
  // Call log

  @Test
  void logOmitsSecrets() throws Exception {
    Map<String, String> environment =
        env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN, "OP_ACCOUNT", "team.1password.com");
    run(environment, "A={{ op://Private/GitHub/token }}\n", "inject");
    runWith(environment, "read", "op://Private/GitHub/token");

    String log = Files.readString(callLog());

    assertFalse(log.contains(VALID_TOKEN), log);
    assertFalse(log.contains("ghp_secret"), log);
    assertFalse(log.contains("A={{"), log);
  }

  @Test
  void logRecordsCall() throws Exception {
    runWith(env("OP_ACCOUNT", "team.1password.com"), "read", "-n", "op://Private/GitHub/token");
    runWith(env("OP_SERVICE_ACCOUNT_TOKEN", VALID_TOKEN), "--version");

    List<JsonNode> entries = logEntries();

    assertEquals(2, entries.size());
    JsonNode read = entries.get(0);
    assertEquals(
        JSON.readTree("[\"read\", \"-n\", \"op://Private/GitHub/token\"]"), read.get("argv"));
    assertEquals("team.1password.com", read.get("env").get("OP_ACCOUNT").asText());
    assertFalse(read.get("env").get("OP_SERVICE_ACCOUNT_TOKEN_SET").asBoolean());
    assertFalse(read.get("stdin_isatty").asBoolean());
    JsonNode version = entries.get(1);
    assertTrue(version.get("env").get("OP_ACCOUNT").isNull());
    assertTrue(version.get("env").get("OP_SERVICE_ACCOUNT_TOKEN_SET").asBoolean());
  }

  private static final String ITEM_TEMPLATE =
      "{\"title\":\"Stripe\",\"category\":\"API_CREDENTIAL\",\"fields\":[{\"id\":\"credential\","
          + "\"type\":\"CONCEALED\",\"label\":\"credential\",\"value\":\"sk \\\"live\\\"\\n2\"}]}";

  private Result createItem(Map<String, String> environment, String vault) throws Exception {
    return run(
        environment, ITEM_TEMPLATE, "item", "create", "--vault", vault, "--format", "json", "-");
  }

  @Test
  void itemCreatedFromStdinTemplateIsReadable() throws Exception {
    Files.createDirectories(database().resolve("Work"));

    Result created = createItem(Map.of(), "Work");
    Result read = run("read", "-n", "op://Work/Stripe/credential");
    Result injected = inject("key={{ op://Work/Stripe/credential }}");

    assertEquals(0, created.exitCode(), created.stderr());
    assertEquals("Stripe", JSON.readTree(created.stdout()).get("title").asText());
    assertEquals("sk \"live\"\n2", read.out());
    assertEquals("key=sk \"live\"\n2", injected.out());
  }

  @Test
  void itemCreateInMissingVaultFails() throws Exception {
    Result created = createItem(Map.of(), "Nope");

    assertEquals(1, created.exitCode());
    assertEquals(ERROR + "\"Nope\" isn't a vault in this account\n", created.stderr());
    assertEquals(0, created.stdout().length);
  }

  @Test
  void itemCreateInReadOnlyVaultFails() throws Exception {
    Files.createDirectories(database().resolve("Work"));

    Result created = createItem(Map.of("FAKE_OP_READ_ONLY_VAULTS", "work"), "Work");

    assertEquals(1, created.exitCode());
    assertTrue(created.stderr().contains("(403) Forbidden"), created.stderr());
    assertFalse(Files.exists(database().resolve("Work/Stripe")));
  }

  @Test
  void secondItemOfSameTitleMakesReadAmbiguous() throws Exception {
    Files.createDirectories(database().resolve("Work"));
    createItem(Map.of(), "Work");

    Result second = createItem(Map.of(), "Work");
    Result read = run("read", "op://Work/Stripe/credential");

    assertEquals(0, second.exitCode(), second.stderr());
    assertEquals(1, read.exitCode());
    assertTrue(read.stderr().contains("more than one item matches \"Stripe\""), read.stderr());
  }

  @Test
  void itemCreateTakesAssignmentStatements() throws Exception {
    Files.createDirectories(database().resolve("Work"));

    Result created =
        run(
            "item",
            "create",
            "--vault",
            "Work",
            "--category",
            "login",
            "--title",
            "Site",
            "db.password[password]=p4ss",
            "username=me");

    assertEquals(0, created.exitCode(), created.stderr());
    assertEquals("p4ss", run("read", "-n", "op://Work/Site/db/password").out());
    assertEquals("me", run("read", "-n", "op://Work/Site/username").out());
  }

  @Test
  void itemCreateWhenSignedOutFails() throws Exception {
    Files.createDirectories(database().resolve("Work"));

    Result created = createItem(Map.of("FAKE_OP_SIGNED_OUT", "1"), "Work");

    assertEquals(1, created.exitCode());
    assertTrue(created.stderr().contains("You are not currently signed in"), created.stderr());
    assertFalse(Files.exists(database().resolve("Work/Stripe")));
  }
}
