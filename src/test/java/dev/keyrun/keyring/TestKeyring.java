package dev.keyrun.keyring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A gnome-keyring Secret Service on a private D-Bus session bus, started by {@code
 * scripts/test-keyring.sh}, with {@code secret-tool} calls that write and read its items.
 *
 * <p>Where the keyring's programs are missing, a test that requests a keyring is skipped, unless
 * the environment variable {@code KEYRUN_TEST_REQUIRE_KEYRING=1} makes that a failure.
 */
public final class TestKeyring implements AutoCloseable {
  static final String REQUIRE_VARIABLE = "KEYRUN_TEST_REQUIRE_KEYRING";

  private static final int SECRET_TOOL_MAX_BYTES = 8192;
  private static final String ADDRESS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";
  private static final String DIR_VARIABLE = "KEYRING_TEST_DIR";
  private static final String DBUS_PID_VARIABLE = "KEYRING_TEST_DBUS_PID";
  private static final String KEYRING_PID_VARIABLE = "KEYRING_TEST_KEYRING_PID";
  private static final List<String> INSTANCE_VARIABLES =
      List.of(ADDRESS_VARIABLE, DIR_VARIABLE, DBUS_PID_VARIABLE, KEYRING_PID_VARIABLE);

  /** Time limit of one secret-tool call and of a lock or stop. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Time limit of a start. The script makes at most 3 attempts, each waiting up to 3 s for the
   * daemon and up to 7 s to stop a failed one, so 60 s is twice its worst case.
   */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Exit status of scripts/test-keyring.sh when a program it needs is not installed. */
  private static final int TOOLS_MISSING = 2;

  private final Map<String, String> variables;
  private final boolean owned;
  private Thread stopOnExit;
  private boolean closed;

  private TestKeyring(Map<String, String> variables, boolean owned) {
    this.variables = Map.copyOf(variables);
    this.owned = owned;
  }

  /**
   * Returns the keyring that {@code ./scripts/test.sh} started and exported to the JVM's
   * environment. Its {@link #close()} does nothing, because the script stops it.
   */
  public static TestKeyring shared() {
    String directory = System.getenv(DIR_VARIABLE);
    if (directory == null || directory.isEmpty()) {
      return unavailable(
          DIR_VARIABLE
              + " is not set, so no test keyring is running. Run the tests with ./scripts/test.sh,"
              + " which starts a gnome-keyring daemon on a private D-Bus session bus, or run"
              + " eval \"$(scripts/test-keyring.sh)\" in the shell that starts Maven");
    }
    requireSecretTool();

    Map<String, String> variables = new LinkedHashMap<>();
    for (String name : INSTANCE_VARIABLES) {
      variables.put(name, System.getenv().getOrDefault(name, ""));
    }
    TestKeyring keyring = new TestKeyring(variables, false);
    keyring.checkBus();
    return keyring;
  }

  /**
   * Starts a keyring of its own by running {@code scripts/test-keyring.sh}, for a test that locks
   * the keyring or changes its collections. {@link #close()} stops it.
   */
  public static TestKeyring startPrivate() {
    requireSecretTool();
    Path script = script();
    Map<String, String> environment = new HashMap<>(System.getenv());
    INSTANCE_VARIABLES.forEach(environment::remove);
    Result result = run(List.of(script.toString()), environment, new byte[0], START_TIMEOUT);
    if (result.status() == TOOLS_MISSING) {
      return unavailable(result.stderr().strip());
    }
    result.requireSuccess();

    Map<String, String> variables = parseExports(result.stdoutText());
    for (String name : INSTANCE_VARIABLES) {
      if (!variables.containsKey(name)) {
        throw new AssertionError(
            script
                + " printed no export line for "
                + name
                + "; its output: "
                + result.stdoutText());
      }
    }
    TestKeyring keyring = new TestKeyring(variables, true);
    keyring.stopOnExit = new Thread(keyring::stop, "stop test keyring " + keyring.directory());
    Runtime.getRuntime().addShutdownHook(keyring.stopOnExit);
    keyring.checkBus();
    return keyring;
  }

  /** Returns the variables that a child process needs to reach this keyring. */
  public Map<String, String> environment() {
    return Map.of(ADDRESS_VARIABLE, variables.get(ADDRESS_VARIABLE));
  }

  /** Returns the private directory that contains the bus socket and the keyring's files. */
  public Path directory() {
    return Path.of(variables.get(DIR_VARIABLE));
  }

  /** Returns the Unix socket of the private D-Bus session bus. */
  public Path busSocket() {
    return directory().resolve("bus");
  }

  /** Returns the PID of the private bus's dbus-daemon. */
  public long busPid() {
    return Long.parseLong(variables.get(DBUS_PID_VARIABLE));
  }

  /** Returns the PID of gnome-keyring-daemon, as the bus reported it. */
  public long keyringPid() {
    return Long.parseLong(variables.get(KEYRING_PID_VARIABLE));
  }

  /**
   * Stores {@code value} under the attributes service and account in the default collection,
   * replacing an item with the same attributes. secret-tool 0.20.5 stores its standard input byte
   * for byte when that is not a terminal, newlines and NUL bytes included, up to 8192 bytes: it
   * cuts a longer value, prints "password is too long" and still exits 0, so longer values are
   * rejected.
   */
  public void store(String service, String account, byte[] value) {
    if (value.length > SECRET_TOOL_MAX_BYTES) {
      throw new IllegalArgumentException(
          "secret-tool stores at most "
              + SECRET_TOOL_MAX_BYTES
              + " bytes; store longer values"
              + " through keyrun");
    }
    List<String> command =
        List.of(
            "secret-tool",
            "store",
            "--label=keyrun test " + service + "/" + account,
            "service",
            service,
            "account",
            account);
    secretTool(command, value).requireSuccess();
  }

  /**
   * Returns the value stored under service and account, or empty when there is no such item or when
   * its collection is locked. In both cases secret-tool exits with status 1 and prints nothing.
   */
  public Optional<byte[]> lookup(String service, String account) {
    Result result =
        secretTool(
            List.of("secret-tool", "lookup", "service", service, "account", account), new byte[0]);
    if (result.status() == 1 && result.stderr().isEmpty()) {
      return Optional.empty();
    }
    result.requireSuccess();
    return Optional.of(result.stdout());
  }

  /** Deletes the items stored under service and account. Deleting a missing item succeeds. */
  public void clear(String service, String account) {
    Result result =
        secretTool(
            List.of("secret-tool", "clear", "service", service, "account", account), new byte[0]);
    if (result.status() == 1 && result.stderr().isEmpty()) {
      return;
    }
    result.requireSuccess();
  }

  /**
   * Locks the login collection through the Secret Service's Lock method. Unlocking needs a password
   * prompt, which a headless daemon cannot show, so a locked keyring stays locked.
   */
  public void lock() {
    run(List.of(script().toString(), "--lock"), scriptEnvironment(), new byte[0], COMMAND_TIMEOUT)
        .requireSuccess();
  }

  /** Stops a keyring from {@link #startPrivate()} and removes its directory. */
  @Override
  public void close() {
    if (!owned || closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shutdownInProgress) {
      // The shutdown hook is running or has run, and it stops the keyring itself.
      return;
    }
    stop().requireSuccess();
  }

  private Result stop() {
    return run(
        List.of(script().toString(), "--stop"), scriptEnvironment(), new byte[0], START_TIMEOUT);
  }

  private Result secretTool(List<String> command, byte[] input) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(environment());
    return run(command, environment, input, COMMAND_TIMEOUT);
  }

  private Map<String, String> scriptEnvironment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(variables);
    return environment;
  }

  /**
   * Fails unless the bus socket exists and DBUS_SESSION_BUS_ADDRESS names it, so that no test
   * reaches a session bus other than the private one, such as the user's own.
   */
  private void checkBus() {
    String address = variables.get(ADDRESS_VARIABLE);
    String expected = busAddress(busSocket());
    if (!expected.equals(address)) {
      throw new AssertionError(
          ADDRESS_VARIABLE
              + "='"
              + address
              + "' does not name the bus of "
              + DIR_VARIABLE
              + "="
              + directory()
              + " (expected '"
              + expected
              + "'). Export both from one run of scripts/test-keyring.sh.");
    }
    if (!Files.exists(busSocket())) {
      throw new AssertionError(
          "bus socket " + busSocket() + " not found: the test keyring has stopped");
    }
  }

  /**
   * Returns the D-Bus address of the Unix socket at {@code socket}, escaped as
   * scripts/test-keyring.sh escapes it: every byte outside [-0-9A-Za-z_/.*] becomes %XX.
   */
  static String busAddress(Path socket) {
    StringBuilder address = new StringBuilder("unix:path=");
    for (byte b : socket.toString().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_/.*".indexOf(c) >= 0;
      if (plain) {
        address.append(c);
      } else {
        address.append(String.format("%%%02X", b & 0xff));
      }
    }
    return address.toString();
  }

  /**
   * Parses lines of the form {@code export NAME='value'}, where a single quote inside the value is
   * written as {@code '\''}, into a map from name to value.
   */
  static Map<String, String> parseExports(String output) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int equals = line.indexOf('=');
      if (!line.startsWith("export ") || equals < 0) {
        throw new AssertionError("invalid export line from scripts/test-keyring.sh: " + line);
      }
      String name = line.substring("export ".length(), equals);
      variables.put(name, unquote(line.substring(equals + 1), line));
    }
    return variables;
  }

  private static String unquote(String quoted, String line) {
    StringBuilder value = new StringBuilder();
    int i = 0;
    while (i < quoted.length()) {
      char c = quoted.charAt(i);
      if (c == '\'') {
        int end = quoted.indexOf('\'', i + 1);
        if (end < 0) {
          throw new AssertionError("unterminated quote in export line: " + line);
        }
        value.append(quoted, i + 1, end);
        i = end + 1;
      } else if (c == '\\' && i + 1 < quoted.length()) {
        value.append(quoted.charAt(i + 1));
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    return value.toString();
  }

  /** Skips the calling test, or fails it when KEYRUN_TEST_REQUIRE_KEYRING=1. */
  private static <T> T unavailable(String reason) {
    if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
      throw new AssertionError(
          reason + " (" + REQUIRE_VARIABLE + "=1 makes a missing test keyring a failure)");
    }
    return Assumptions.abort(
        reason
            + " (the Secret Service tests are skipped; "
            + REQUIRE_VARIABLE
            + "=1 makes this a failure)");
  }

  private static void requireSecretTool() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(":")) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "secret-tool"))) {
        return;
      }
    }
    unavailable("secret-tool not found on PATH: install the Debian package libsecret-tools");
  }

  /**
   * Returns scripts/test-keyring.sh under the project's base directory: Maven's {@code basedir}
   * property, or else the working directory.
   */
  private static Path script() {
    Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path script = base.resolve("scripts").resolve("test-keyring.sh");
    if (!Files.isExecutable(script)) {
      throw new AssertionError(script + " not found or not executable");
    }
    return script;
  }

  /**
   * Runs {@code command} with {@code input} on its standard input and waits at most {@code
   * timeout}. Fails the test when it does not finish in time.
   */
  private static Result run(
      List<String> command, Map<String, String> environment, byte[] input, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("failed to start " + command + ": " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    } catch (IOException e) {
      // The process exited without reading its input. Its exit status and stderr show why.
    }

    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            command + " timed out after " + timeout.toSeconds() + " s; stderr: " + text(stderr));
      }
      return new Result(
          command, process.exitValue(), stdout.get(5, TimeUnit.SECONDS), text(stderr));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while waiting for " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("failed to read the output of " + command, e);
    }
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

  /** Returns what the process wrote to stderr, or a placeholder when that is not available. */
  private static String text(CompletableFuture<byte[]> stderr) {
    try {
      return new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(stderr not read: interrupted)";
    } catch (ExecutionException | TimeoutException e) {
      return "(stderr not read: " + e + ")";
    }
  }

  /** What a finished command did: its exit status and the bytes it wrote to stdout and stderr. */
  private record Result(List<String> command, int status, byte[] stdout, String stderr) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    void requireSuccess() {
      if (status != 0) {
        throw new AssertionError(
            command + " failed with exit status " + status + "; stderr: " + stderr.strip());
      }
    }
  }
}
