package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips between keyrun and secret-tool through the gnome-keyring daemon that scripts/test.sh
 * starts on a private D-Bus session bus.
 */
class KeyringRunTest {
  /** A newline, a two-byte and a four-byte UTF-8 character, and no trailing newline. */
  private static final String TEXT = "first line\nü and 😀";

  private static final int RUNS = 50;
  private static final int KEYS = 10;

  @TempDir Path directory;

  private TestKeyring keyring;
  private String service;
  private final List<String> accounts = new ArrayList<>();

  @BeforeEach
  void connect() {
    keyring = TestKeyring.shared();
    service = "keyrun-e2e-run-" + UUID.randomUUID();
  }

  @AfterEach
  void removeItems() {
    if (keyring != null) {
      accounts.forEach(account -> keyring.clear(service, account));
    }
  }

  private String account(String name) {
    accounts.add(name);
    return name;
  }

  private Keyrun keyrun() {
    Keyrun keyrun = Keyrun.in(directory).unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);
    return keyrun;
  }

  private Keyrun.Result set(String reference, String value, String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("set"));
    arguments.addAll(List.of(options));
    arguments.add(reference);
    return keyrun().input(value).args(arguments.toArray(String[]::new)).run();
  }

  private byte[] lookup(String account) {
    Optional<byte[]> value = keyring.lookup(service, account);
    assertTrue(value.isPresent(), "secret-tool found no item " + service + "/" + account);
    return value.get();
  }

  @Test
  void secretToolStoreThenRead() throws Exception {
    keyring.store(service, account("a"), TEXT.getBytes(UTF_8));

    Keyrun.Result result = keyrun().args("read", "-n", "secret-service://" + service + "/a").run();

    assertEquals(0, result.status(), result.stderr());
    assertArrayEquals(TEXT.getBytes(UTF_8), result.stdoutBytes());
  }

  @Test
  void secretToolStoreThenRun() throws Exception {
    keyring.store(service, account("a"), TEXT.getBytes(UTF_8));
    Path envFile =
        TestFiles.write(
            directory.resolve("refs.env"), "K=keyring://" + service + "/a\n", "rw-r--r--");

    Keyrun.Result result =
        keyrun().args("--no-mask", "--env-file", envFile.toString(), "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertArrayEquals((TEXT + "\n").getBytes(UTF_8), result.stdoutBytes());
  }

  @Test
  void setThenSecretToolLookup() throws Exception {
    Keyrun.Result result = set("secret-service://" + service + "/" + account("a"), TEXT);

    assertEquals(0, result.status(), result.stderr());
    assertEquals(0, result.stdoutBytes().length);
    assertArrayEquals(TEXT.getBytes(UTF_8), lookup("a"));
  }

  @Test
  void setThroughKeyringScheme() throws Exception {
    Keyrun.Result result = set("keyring://" + service + "/" + account("a"), TEXT);

    assertEquals(0, result.status(), result.stderr());
    assertArrayEquals(TEXT.getBytes(UTF_8), lookup("a"));
  }

  @Test
  void rawKeepsTrailingNewline() throws Exception {
    String value = TEXT + "\n";

    Keyrun.Result result = set("secret-service://" + service + "/" + account("a"), value, "--raw");

    assertEquals(0, result.status(), result.stderr());
    assertArrayEquals(value.getBytes(UTF_8), lookup("a"));
  }

  @Test
  void oneTrailingNewlineDropped() throws Exception {
    Keyrun.Result lf = set("secret-service://" + service + "/" + account("lf"), "v\n\n");
    Keyrun.Result crlf = set("secret-service://" + service + "/" + account("crlf"), "v\r\n");

    assertEquals(0, lf.status(), lf.stderr());
    assertEquals(0, crlf.status(), crlf.stderr());
    assertArrayEquals("v\n".getBytes(UTF_8), lookup("lf"));
    assertArrayEquals("v".getBytes(UTF_8), lookup("crlf"));
  }

  /** Returns how many items carry the attribute service, as secret-tool search lists them. */
  private int itemCount() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("secret-tool", "search", "--all", "service", service)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(keyring.environment());
    Process search = builder.start();
    search.getOutputStream().close();
    String output = new String(search.getInputStream().readAllBytes(), UTF_8);
    assertTrue(search.waitFor(30, TimeUnit.SECONDS), "secret-tool search did not finish");
    return (int) output.lines().filter(line -> line.startsWith("[/")).count();
  }

  /** A second item beside the old one would make each lookup return either value. */
  @Test
  void setReplacesSecretToolItem() throws Exception {
    keyring.store(service, account("a"), "old".getBytes(UTF_8));

    Keyrun.Result result = set("secret-service://" + service + "/a", "new");
    Keyrun.Result read = keyrun().args("read", "-n", "secret-service://" + service + "/a").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(1, itemCount());
    assertArrayEquals("new".getBytes(UTF_8), lookup("a"));
    assertEquals("new", read.stdout());
  }

  @Test
  void setReplacesOwnItem() throws Exception {
    Keyrun.Result first = set("secret-service://" + service + "/" + account("a"), "old");
    Keyrun.Result second = set("secret-service://" + service + "/a", "new");

    assertEquals(0, first.status(), first.stderr());
    assertEquals(0, second.status(), second.stderr());
    assertEquals(1, itemCount());
    assertArrayEquals("new".getBytes(UTF_8), lookup("a"));
  }

  @Test
  void referenceWithoutAccountFindsItem() throws Exception {
    keyring.store(service, account("only"), "by-service".getBytes(UTF_8));

    Keyrun.Result result = keyrun().args("read", "-n", "secret-service://" + service).run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("by-service", result.stdout());
  }

  @Test
  void deleteThenLookupFindsNothing() throws Exception {
    keyring.store(service, account("a"), "doomed".getBytes(UTF_8));

    Keyrun.Result result = keyrun().args("delete", "secret-service://" + service + "/a").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(keyring.lookup(service, "a").isEmpty());
  }

  @Test
  void deleteMissingIsNotFound() throws Exception {
    Keyrun.Result result = keyrun().args("delete", "secret-service://" + service + "/none").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("not found in the Secret Service"), result.stderr());
  }

  @Test
  void tenReferencesFiftyRuns() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    StringBuilder envFile = new StringBuilder();
    for (int i = 1; i <= KEYS; i++) {
      String value = "value-" + i + "-" + UUID.randomUUID();
      keyring.store(service, account("k" + i), value.getBytes(UTF_8));
      expected.put("KEY_" + i, value);
      envFile.append("KEY_").append(i).append("=keyring://").append(service).append("/k" + i);
      envFile.append('\n');
    }
    Path file = TestFiles.write(directory.resolve("refs.env"), envFile.toString(), "rw-r--r--");

    List<String> failures = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Keyrun.Result result =
          keyrun().args("--env-file", file.toString()).args(ChildEnvironment.PRINT).run();
      Map<String, String> received = ChildEnvironment.parse(result.stdoutBytes());
      received.keySet().retainAll(expected.keySet());
      if (result.status() != 0 || !received.equals(expected)) {
        failures.add("run " + run + ": status " + result.status() + ", " + result.stderr().strip());
      }
    }

    assertEquals(List.of(), failures);
  }
}
