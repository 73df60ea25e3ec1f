package dev.keyrun.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the fake {@code security} script as a child process and checks what it prints and stores.
 */
class FakeSecurityTest {
  private static final Path FAKE = Path.of("src/test/fakes/security").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_FOUND =
      "security: SecKeychainSearchCopyNext: The specified item could not be found in the"
          + " keychain.\n";
  private static final String ATTRIBUTES_HEADER =
      "keychain: \"/Users/test/Library/Keychains/login.keychain-db\"\n"
          + "version: 512\n"
          + "class: \"genp\"\n"
          + "attributes:\n";

  @TempDir Path directory;

  private record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, UTF_8);
    }
  }

  private Path database() {
    return directory.resolve("db");
  }

  private Path argvLog() {
    return directory.resolve("argv.log");
  }

  private Result run(String... args) throws Exception {
    return run(Map.of(), "", args);
  }

  private Result runWith(Map<String, String> environment, String... args) throws Exception {
    return run(environment, "", args);
  }

  private Result run(Map<String, String> environment, String input, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(FAKE.toString());
    command.addAll(List.of(args));
    return start(command, environment, input.getBytes(UTF_8));
  }

  /** Runs {@code security -i} (plus the given global options) with input on stdin. */
  private Result interactive(Map<String, String> environment, String input, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(options));
    args.add("-i");
    return run(environment, input, args.toArray(String[]::new));
  }

  /**
   * Runs the fake in a new session without a controlling terminal, so that its password prompts
   * read stdin as they do for the real tool started without a terminal.
   */
  private Result runDetached(String input, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("setsid", "--wait", FAKE.toString()));
    command.addAll(List.of(args));
    return start(command, Map.of(), input.getBytes(UTF_8));
  }

  /**
   * Starts a command with the fake's state in the temporary directory. A null value in {@code
   * environment} unsets that variable.
   */
  private Result start(List<String> command, Map<String, String> environment, byte[] input)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> variables = builder.environment();
    variables.keySet().removeIf(name -> name.startsWith("FAKE_SECURITY_"));
    variables.put("FAKE_SECURITY_DB", database().toString());
    variables.put("FAKE_SECURITY_LOG", argvLog().toString());
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            variables.remove(name);
          } else {
            variables.put(name, value);
          }
        });

    Process process = builder.start();
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("fake security did not finish within 60 s: " + command);
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

  /** Adds an item through the fake and fails the test if that did not succeed. */
  private void add(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("add-generic-password"));
    args.addAll(List.of(options));
    Result result = run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.stderr());
  }

  private Result findValue(String... filters) throws Exception {
    List<String> args = new ArrayList<>(List.of("find-generic-password"));
    args.addAll(List.of(filters));
    args.add("-w");
    return run(args.toArray(String[]::new));
  }

  private JsonNode onlySidecar() throws IOException {
    try (Stream<Path> files = Files.list(database())) {
      List<Path> sidecars = files.filter(path -> path.toString().endsWith(".json")).toList();
      assertEquals(1, sidecars.size(), sidecars.toString());
      return JSON.readTree(sidecars.get(0).toFile());
    }
  }

  private List<List<String>> loggedArgv() throws IOException {
    List<List<String>> lines = new ArrayList<>();
    for (String line : Files.readAllLines(argvLog(), UTF_8)) {
      lines.add(JSON.readValue(line, new TypeReference<List<String>>() {}));
    }
    return lines;
  }

  // find-generic-password -w

  @Test
  void findPrintsPrintableValue() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = findValue("-s", "svc");

    assertEquals(0, result.exitCode());
    assertEquals("abc\n", result.out());
    assertEquals("", result.stderr());
  }

  @Test
  void findPrintsNonAsciiValueAsHex() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "636166c3a9");

    Result result = findValue("-s", "svc");

    assertEquals(0, result.exitCode());
    assertEquals("636166c3a9\n", result.out());
  }

  @Test
  void findPrintsNewlineValueAsHex() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "610a62");

    assertEquals("610a62\n", findValue("-s", "svc").out());
  }

  @Test
  void findPrintsEmptyValueAsNewline() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "");

    assertEquals("\n", findValue("-s", "svc").out());
  }

  @Test
  void signedHexSwitchExtendsHighBytes() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "636166c3a9");

    Result result =
        runWith(
            Map.of("FAKE_SECURITY_SIGNED_HEX", "1"), "find-generic-password", "-s", "svc", "-w");

    assertEquals("636166ffffffc3ffffffa9\n", result.out());
  }

  // find-generic-password -g and attribute output

  @Test
  void findGPrintsAttributesAndPassword() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = run("find-generic-password", "-a", "me", "-s", "svc", "-g");

    assertEquals(0, result.exitCode());
    assertTrue(
        result.out().startsWith(ATTRIBUTES_HEADER + "    0x00000007 <blob>=\"svc\"\n"),
        result.out());
    assertTrue(result.out().contains("    \"acct\"<blob>=\"me\"\n"), result.out());
    assertTrue(result.out().contains("    \"svce\"<blob>=\"svc\"\n"), result.out());
    assertTrue(result.out().contains("    \"desc\"<blob>=<NULL>\n"), result.out());
    assertEquals("password: \"abc\"\n", result.stderr());
  }

  @Test
  void findGEscapesNonAsciiValue() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "636166c3a9");

    Result result = run("find-generic-password", "-s", "svc", "-g");

    assertEquals("password: 0x636166C3A9  \"caf\\303\\251\"\n", result.stderr());
  }

  @Test
  void findGEscapesBackslash() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "a\\b");

    Result result = run("find-generic-password", "-s", "svc", "-g");

    assertEquals("password: 0x615C62  \"a\\134b\"\n", result.stderr());
  }

  @Test
  void findGPrintsOnlyHexWithoutText() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "c3a9");

    Result result = run("find-generic-password", "-s", "svc", "-g");

    assertEquals("password: 0xC3A9 \n", result.stderr());
  }

  @Test
  void findGPrintsNothingForEmptyValue() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "");

    Result result = run("find-generic-password", "-s", "svc", "-g");

    assertEquals("password: \n", result.stderr());
  }

  @Test
  void findShowsCommentAndCustomLabel() throws Exception {
    add("-a", "me", "-s", "svc", "-l", "My label", "-j", "a note", "-w", "v");

    Result result = run("find-generic-password", "-s", "svc");

    assertTrue(result.out().contains("    0x00000007 <blob>=\"My label\"\n"), result.out());
    assertTrue(result.out().contains("    \"icmt\"<blob>=\"a note\"\n"), result.out());
  }

  @Test
  void findWithoutFlagsPrintsAttributesOnly() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = run("find-generic-password", "-s", "svc");

    assertEquals(0, result.exitCode());
    assertTrue(result.out().startsWith(ATTRIBUTES_HEADER), result.out());
    assertFalse(result.out().contains("abc\n"), result.out());
    assertEquals("", result.stderr());
  }

  // Searching

  @Test
  void findMissingItemExits44() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = findValue("-s", "other");

    assertEquals(44, result.exitCode());
    assertEquals("", result.out());
    assertEquals(NOT_FOUND, result.stderr());
  }

  @Test
  void findReturnsOldestMatch() throws Exception {
    add("-a", "first", "-s", "svc", "-w", "one");
    add("-a", "second", "-s", "svc", "-w", "two");

    assertEquals("one\n", findValue("-s", "svc").out());
    assertEquals("two\n", findValue("-a", "second").out());
  }

  @Test
  void findWithAccountAndServiceIgnoresLabel() throws Exception {
    add("-a", "me", "-s", "svc", "-l", "real label", "-w", "abc");

    Result result = findValue("-a", "me", "-s", "svc", "-l", "other label");

    assertEquals(0, result.exitCode());
    assertEquals("abc\n", result.out());
  }

  @Test
  void findMatchesLabelAlone() throws Exception {
    add("-a", "me", "-s", "svc", "-l", "label", "-w", "abc");

    assertEquals("abc\n", findValue("-l", "label").out());
    assertEquals(44, findValue("-l", "other").exitCode());
  }

  @Test
  void findAcceptsAttachedOptionValues() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    assertEquals("abc\n", findValue("-ame", "-ssvc").out());
  }

  @Test
  void findAcceptsCommandPrefix() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = run("find-generic", "-s", "svc", "-w");

    assertEquals("abc\n", result.out());
  }

  @Test
  void findRejectsThreeCharCreator() throws Exception {
    Result result = run("find-generic-password", "-c", "abc");

    assertEquals(1, result.exitCode());
    assertEquals(
        "Error: four-character types must be exactly 4 characters long.\n"
            + "(Try \"abc \" instead of \"abc\")\n",
        result.stderr());
  }

  // add-generic-password

  @Test
  void addDuplicateExits45() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "one");

    Result result = run("add-generic-password", "-a", "me", "-s", "svc", "-w", "two");

    assertEquals(45, result.exitCode());
    assertEquals(
        "security: SecKeychainItemCreateFromContent (<default>): The specified item already"
            + " exists in the keychain.\n",
        result.stderr());
    assertEquals("one\n", findValue("-s", "svc").out());
  }

  @Test
  void addUpdateReplacesValueInPlace() throws Exception {
    add("-a", "first", "-s", "svc", "-w", "one");
    add("-a", "second", "-s", "svc", "-w", "two");

    add("-U", "-a", "first", "-s", "svc", "-w", "three");

    assertEquals("three\n", findValue("-s", "svc").out());
    assertEquals("two\n", findValue("-a", "second", "-s", "svc").out());
  }

  @Test
  void addUpdateWithoutValueKeepsValue() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "one");

    add("-U", "-a", "me", "-s", "svc", "-l", "new label");

    assertEquals("one\n", findValue("-s", "svc").out());
    assertEquals("new label", onlySidecar().get("label").asText());
  }

  @Test
  void addUpdateCreatesMissingItem() throws Exception {
    add("-U", "-a", "me", "-s", "svc", "-w", "one");

    assertEquals("one\n", findValue("-s", "svc").out());
  }

  @Test
  void addWithoutAccountShowsUsage() throws Exception {
    Result result = run("add-generic-password", "-s", "svc", "-w", "one");

    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().startsWith("Usage: add-generic-password "), result.stderr());
  }

  @Test
  void addInvalidHexShowsUsage() throws Exception {
    Result result = run("add-generic-password", "-a", "me", "-s", "svc", "-X", "6g");

    assertEquals(2, result.exitCode());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "security: Unable to convert password data (-X must specify valid hex digits)\n"
                    + "Usage: add-generic-password "),
        result.stderr());
  }

  @Test
  void addRecordsAttributesInSidecar() throws Exception {
    add(
        "-a",
        "me",
        "-s",
        "svc",
        "-l",
        "label",
        "-j",
        "note",
        "-A",
        "-T",
        "/usr/bin/env",
        "-T",
        "",
        "-w",
        "v");

    JsonNode sidecar = onlySidecar();

    assertEquals("svc", sidecar.get("service").asText());
    assertEquals("me", sidecar.get("account").asText());
    assertEquals("label", sidecar.get("label").asText());
    assertEquals("note", sidecar.get("comment").asText());
    assertTrue(sidecar.get("access").get("any_application").asBoolean());
    assertEquals(
        List.of("/usr/bin/env", ""),
        JSON.convertValue(
            sidecar.get("access").get("trusted_applications"),
            new TypeReference<List<String>>() {}));
  }

  @Test
  void addWithoutAccessRecordsNull() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "v");

    JsonNode sidecar = onlySidecar();

    assertTrue(sidecar.get("access").isNull());
    assertEquals("svc", sidecar.get("label").asText());
    assertTrue(sidecar.get("comment").isNull());
  }

  @Test
  void addStoresFilesNamedByHex() throws Exception {
    add("-a", "me", "-s", "svc", "-X", "00ff");

    Path value = database().resolve("000001.737663.6d65.password");

    assertArrayEquals(new byte[] {0, (byte) 0xff}, Files.readAllBytes(value));
    assertTrue(Files.exists(database().resolve("000001.737663.6d65.json")));
  }

  @Test
  void value64KiBRoundTrips() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 64 * 1024; i++) {
      text.append((char) ('a' + i % 26));
    }
    add("-a", "me", "-s", "big", "-w", text.toString());

    Result result = findValue("-s", "big");

    assertEquals(text + "\n", result.out());
  }

  @Test
  void binaryValueRoundTripsThroughHex() throws Exception {
    // Linux limits one argument to MAX_ARG_STRLEN, 32 pages (128 KiB with 4 KiB pages) including
    // its NUL, so 65535 bytes is the largest value that fits in a single -X argument.
    byte[] value = new byte[65535];
    new Random(42).nextBytes(value);
    String hex = HexFormat.of().formatHex(value);
    add("-a", "me", "-s", "binary", "-X", hex);

    Result result = findValue("-s", "binary");

    assertEquals(hex + "\n", result.out());
    assertArrayEquals(
        value, Files.readAllBytes(database().resolve("000001.62696e617279.6d65.password")));
  }

  @Test
  void promptReadsStdinWithoutTerminal() throws Exception {
    Result result = runDetached("pw\npw\n", "add-generic-password", "-a", "me", "-s", "svc", "-w");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("password data for new item: \nretype password for new item: \n", result.stderr());
    assertEquals("pw\n", findValue("-s", "svc").out());
  }

  @Test
  void promptMismatchExits1() throws Exception {
    Result result =
        runDetached("a\nb\nc\nd\ne\nf\n", "add-generic-password", "-a", "me", "-s", "svc", "-w");

    assertEquals(1, result.exitCode());
    assertEquals(3, result.stderr().split("passwords don't match\n", -1).length - 1);
    assertEquals(44, findValue("-s", "svc").exitCode());
  }

  // delete-generic-password

  @Test
  void deleteRemovesOldestMatch() throws Exception {
    add("-a", "first", "-s", "svc", "-w", "one");
    add("-a", "second", "-s", "svc", "-w", "two");

    Result result = run("delete-generic-password", "-s", "svc");

    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("    \"acct\"<blob>=\"first\"\n"), result.out());
    assertEquals("password has been deleted.\n", result.stderr());
    assertEquals("two\n", findValue("-s", "svc").out());
    assertEquals(44, findValue("-a", "first").exitCode());
  }

  @Test
  void deleteMissingItemExits44() throws Exception {
    Result result = run("delete-generic-password", "-s", "svc");

    assertEquals(44, result.exitCode());
    assertEquals(NOT_FOUND, result.stderr());
  }

  @Test
  void deleteWithoutFilterShowsUsage() throws Exception {
    Result result = run("delete-generic-password");

    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().startsWith("Usage: delete-generic-password "), result.stderr());
  }

  // Failure switches

  @Test
  void lockedFindPrintsNothing() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_LOCKED", "1"), "find-generic-password", "-s", "svc", "-w");

    assertEquals(36, result.exitCode());
    assertEquals("", result.out());
    assertEquals("", result.stderr());
  }

  @Test
  void lockedFindWithoutPasswordSucceeds() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_LOCKED", "1"), "find-generic-password", "-s", "svc");

    assertEquals(0, result.exitCode());
    assertTrue(result.out().startsWith(ATTRIBUTES_HEADER), result.out());
  }

  @Test
  void lockedAddExits36() throws Exception {
    Result result =
        runWith(
            Map.of("FAKE_SECURITY_LOCKED", "1"),
            "add-generic-password",
            "-a",
            "me",
            "-s",
            "svc",
            "-w",
            "abc");

    assertEquals(36, result.exitCode());
    assertEquals(
        "security: SecKeychainItemCreateFromContent (<default>): User interaction is not"
            + " allowed.\n",
        result.stderr());
    assertEquals(44, findValue("-s", "svc").exitCode());
  }

  @Test
  void lockedUpdatePrintsBothMessages() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(
            Map.of("FAKE_SECURITY_LOCKED", "1"),
            "add-generic-password",
            "-U",
            "-a",
            "me",
            "-s",
            "svc",
            "-w",
            "new");

    assertEquals(36, result.exitCode());
    assertEquals(
        "security: SecKeychainItemModifyContent: User interaction is not allowed.\n"
            + "security: SecKeychainItemCreateFromContent (<default>): User interaction is not"
            + " allowed.\n",
        result.stderr());
    assertEquals("abc\n", findValue("-s", "svc").out());
  }

  @Test
  void lockedDeleteKeepsItem() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_LOCKED", "1"), "delete-generic-password", "-s", "svc");

    assertEquals(36, result.exitCode());
    assertEquals("password has been deleted.\n", result.stderr());
    assertEquals("abc\n", findValue("-s", "svc").out());
  }

  @Test
  void denyFindExits51() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_DENY", "1"), "find-generic-password", "-s", "svc", "-w");

    assertEquals(51, result.exitCode());
    assertEquals("", result.out());
  }

  @Test
  void denyAddPrintsAuthMessage() throws Exception {
    Result result =
        runWith(
            Map.of("FAKE_SECURITY_DENY", "1"),
            "add-generic-password",
            "-a",
            "me",
            "-s",
            "svc",
            "-w",
            "abc");

    assertEquals(51, result.exitCode());
    assertEquals(
        "security: SecKeychainItemCreateFromContent (<default>): The user name or passphrase"
            + " you entered is not correct.\n",
        result.stderr());
  }

  @Test
  void cancelFindExits128() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_CANCEL", "1"), "find-generic-password", "-s", "svc", "-w");

    assertEquals(128, result.exitCode());
    assertEquals("", result.out());
  }

  @Test
  void cancelAddPrintsCancelMessage() throws Exception {
    Result result =
        runWith(
            Map.of("FAKE_SECURITY_CANCEL", "1"),
            "add-generic-password",
            "-a",
            "me",
            "-s",
            "svc",
            "-w",
            "abc");

    assertEquals(128, result.exitCode());
    assertEquals(
        "security: SecKeychainItemCreateFromContent (<default>): User canceled the operation.\n",
        result.stderr());
  }

  @Test
  void switchSetToZeroIsOff() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_LOCKED", "0"), "find-generic-password", "-s", "svc", "-w");

    assertEquals("abc\n", result.out());
  }

  @Test
  void hangStillSucceeds() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        runWith(Map.of("FAKE_SECURITY_HANG", "0.2"), "find-generic-password", "-s", "svc", "-w");

    assertEquals(0, result.exitCode());
    assertEquals("abc\n", result.out());
  }

  @Test
  void missingDatabaseVariableExits125() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("FAKE_SECURITY_DB", null);

    Result result = runWith(environment, "find-generic-password", "-s", "svc");

    assertEquals(125, result.exitCode());
    assertTrue(
        result.stderr().startsWith("fake security: FAKE_SECURITY_DB is not set"), result.stderr());
  }

  // Interactive mode

  @Test
  void interactiveSplitsLikeRealTool() throws Exception {
    String[][] cases = {
      {"\"a b\"", "a b"},
      {"'say \"hi\"'", "say \"hi\""},
      {"\"x\\\"y\"", "x\"y"},
      {"a\\ b", "a b"},
      {"ab\"cd", "ab\"cd"},
      {"\"a\\\\b\"", "a\\b"},
      {"\"\"", ""},
      {"'it\\'s'", "it's"},
    };
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < cases.length; i++) {
      input.append("add-generic-password -a case").append(i);
      input.append(" -s split -w ").append(cases[i][0]).append('\n');
    }

    Result result = interactive(Map.of(), input.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    for (int i = 0; i < cases.length; i++) {
      assertEquals(
          cases[i][1] + "\n", findValue("-a", "case" + i, "-s", "split").out(), cases[i][0]);
    }
  }

  @Test
  void interactiveQuotedAttributes() throws Exception {
    String input = "add-generic-password -a \"my account\" -s 'svc \"x\"' -w secret\n";

    Result result = interactive(Map.of(), input);

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("secret\n", findValue("-a", "my account", "-s", "svc \"x\"").out());
  }

  @Test
  void interactiveReportsReturnedStatus() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result =
        interactive(Map.of("FAKE_SECURITY_LOCKED", "1"), "find-generic-password -s svc -w\n");

    assertEquals(36, result.exitCode());
    assertEquals("find-generic-password: returned -25308\n", result.stderr());
    assertEquals("", result.out());
  }

  @Test
  void interactiveNotFoundPrintsBothLines() throws Exception {
    Result result = interactive(Map.of(), "find-generic-password -s svc -w\n");

    assertEquals(44, result.exitCode());
    assertEquals(NOT_FOUND + "find-generic-password: returned -25300\n", result.stderr());
  }

  @Test
  void interactiveReturnedLineUsesTypedWord() throws Exception {
    Result result = interactive(Map.of(), "find-gen -s svc\n");

    assertEquals(NOT_FOUND + "find-gen: returned -25300\n", result.stderr());
  }

  @Test
  void interactiveQuietOmitsReturnedLine() throws Exception {
    Result result = interactive(Map.of(), "find-generic-password -s svc -w\n", "-q");

    assertEquals(44, result.exitCode());
    assertEquals(NOT_FOUND, result.stderr());
  }

  @Test
  void interactiveExitStatusIsLastCommand() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result failedLast =
        interactive(
            Map.of(), "find-generic-password -s svc -w\nfind-generic-password -s other -w\n");
    Result succeededLast =
        interactive(
            Map.of(), "find-generic-password -s other -w\nfind-generic-password -s svc -w\n");

    assertEquals(44, failedLast.exitCode());
    assertEquals(0, succeededLast.exitCode());
    assertEquals("abc\n", succeededLast.out());
  }

  @Test
  void interactiveEmptyLineResetsStatus() throws Exception {
    Result result = interactive(Map.of(), "find-generic-password -s svc -w\n\n");

    assertEquals(0, result.exitCode());
    assertEquals(NOT_FOUND + "find-generic-password: returned -25300\n", result.stderr());
  }

  @Test
  void interactiveSplitsLongLine() throws Exception {
    String prefix = "add-generic-password -a me -s long -w ";
    String line = prefix + "x".repeat(5000);
    int firstValueLength = 4095 - prefix.length();
    String rest = "x".repeat(5000 - firstValueLength);

    Result result = interactive(Map.of(), line + "\n");

    assertEquals(1, result.exitCode());
    assertEquals(
        "security: unknown command \"" + rest + "\"\n" + rest + ": returned 1\n", result.stderr());
    assertEquals("x".repeat(firstValueLength) + "\n", findValue("-s", "long").out());
  }

  @Test
  void interactiveRunsLineOf4095Bytes() throws Exception {
    String prefix = "add-generic-password -a me -s full -w ";
    String value = "y".repeat(4095 - prefix.length());

    Result result = interactive(Map.of(), prefix + value + "\n");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(value + "\n", findValue("-s", "full").out());
  }

  @Test
  void interactiveKeepsFirst32Words() throws Exception {
    StringBuilder line = new StringBuilder("add-generic-password -a me -s many");
    for (int i = 0; i < 13; i++) {
      line.append(" -j c");
    }
    line.append(" -U -l dropped -w dropped\n");

    Result result = interactive(Map.of(), line.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("many", onlySidecar().get("label").asText());
    assertEquals("\n", findValue("-s", "many").out());
  }

  @Test
  void interactiveSkipsLineWithoutNewline() throws Exception {
    Result result = interactive(Map.of(), "add-generic-password -a me -s svc -w abc");

    assertEquals(0, result.exitCode());
    assertEquals(44, findValue("-s", "svc").exitCode());
  }

  @Test
  void interactivePromptReadsNextLines() throws Exception {
    String input =
        "add-generic-password -a me -s svc -w\nsecret\nsecret\nfind-generic-password -s svc -w\n";

    Result result = runDetached(input, "-i");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("secret\n", result.out());
  }

  @Test
  void verboseEchoesArguments() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");

    Result result = run("-v", "find-generic-password", "-s", "svc", "-w");

    assertEquals("find-generic-password \"-s\" \"svc\" \"-w\"\n", result.stderr());
  }

  // Argv log

  @Test
  void argvLogRecordsEachRun() throws Exception {
    add("-a", "me", "-s", "svc", "-w", "abc");
    findValue("-s", "svc");

    assertEquals(
        List.of(
            List.of("add-generic-password", "-a", "me", "-s", "svc", "-w", "abc"),
            List.of("find-generic-password", "-s", "svc", "-w")),
        loggedArgv());
  }

  @Test
  void argvLogOmitsStdinCommands() throws Exception {
    interactive(Map.of(), "add-generic-password -a me -s svc -w hunter2\n");

    assertEquals(List.of(List.of("-i")), loggedArgv());
    assertFalse(Files.readString(argvLog(), UTF_8).contains("hunter2"));
    assertEquals("hunter2\n", findValue("-s", "svc").out());
  }

  // Other commands and command-line errors

  @Test
  void showKeychainInfoPrintsNoTimeout() throws Exception {
    Result result = run("show-keychain-info");

    assertEquals(0, result.exitCode());
    assertEquals("Keychain \"<NULL>\" no-timeout\n", result.stderr());
  }

  @Test
  void lockedShowKeychainInfoExits36() throws Exception {
    Result result = runWith(Map.of("FAKE_SECURITY_LOCKED", "1"), "show-keychain-info");

    assertEquals(36, result.exitCode());
    assertEquals(
        "security: SecKeychainCopySettings <NULL>: User interaction is not allowed.\n",
        result.stderr());
  }

  @Test
  void unlockKeychainSucceeds() throws Exception {
    Result result = run("unlock-keychain", "-p", "pw");

    assertEquals(0, result.exitCode());
    assertEquals("", result.stderr());
  }

  @Test
  void deniedUnlockExits51() throws Exception {
    Result result = runWith(Map.of("FAKE_SECURITY_DENY", "1"), "unlock-keychain", "-p", "pw");

    assertEquals(51, result.exitCode());
    assertEquals(
        "security: SecKeychainUnlock <NULL>: The user name or passphrase you entered is not"
            + " correct.\n",
        result.stderr());
  }

  @Test
  void unknownCommandExits1() throws Exception {
    Result result = run("frobnicate");

    assertEquals(1, result.exitCode());
    assertEquals("security: unknown command \"frobnicate\"\n", result.stderr());
  }

  @Test
  void unimplementedCommandExits1() throws Exception {
    Result result = run("list-keychains");

    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().startsWith("fake security: \"list-keychains\""), result.stderr());
  }

  @Test
  void badOptionShowsUsage() throws Exception {
    Result result = run("find-generic-password", "-Z");

    assertEquals(2, result.exitCode());
    assertTrue(
        result.stderr().startsWith("security: illegal option -- Z\nUsage: find-generic-password "),
        result.stderr());
  }

  @Test
  void noArgumentsPrintsUsage() throws Exception {
    Result result = run();

    assertEquals(2, result.exitCode());
    assertTrue(result.out().startsWith("Usage: security "), result.out());
  }
}
