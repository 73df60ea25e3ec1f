package dev.keyrun.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link PtySessionMain} in a separate JVM: under a real terminal made by util-linux {@code
 * script}, with a pipe as standard input, and with pty4j's native library out of reach.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PtySessionProcessTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir Path temp;

  @Test
  void terminalSettingsRestoredAfterSession() throws Exception {
    assumeScriptAvailable();
    String childScript = "stty -a; echo '=== host during'; stty -a -F \"$KEYRUN_TEST_HOST_TTY\"";

    Child child = underTerminal(mainCommand("--report-terminal", "/bin/sh", "-c", childScript));
    String output = child.awaitExit().replace("\r", "");

    assertEquals(0, child.exitCode(), output);
    String before = section(output, PtySessionMain.BEFORE, PtySessionMain.DURING);
    String childTerminal = section(output, PtySessionMain.DURING, "=== host during");
    String hostDuring = section(output, "=== host during", "status=");
    String after = section(output, PtySessionMain.AFTER, null);
    assertTrue(settings(before).containsAll(Set.of("icanon", "isig", "echo")), before);
    assertTrue(settings(hostDuring).containsAll(Set.of("-icanon", "-isig", "-echo")), hostDuring);
    assertTrue(settings(childTerminal).containsAll(Set.of("icanon", "isig", "echo")));
    assertEquals(before, after);
  }

  @Test
  void shutdownHookRestoresTerminal() throws Exception {
    assumeScriptAvailable();
    String java =
        mainCommand("--exit-during", "/bin/sh", "-c", "exec sleep 20").stream()
            .map(PtySessionProcessTest::quote)
            .collect(Collectors.joining(" "));
    String line = "stty -a; echo '=== exit'; " + java + "; echo \"=== after $?\"; stty -a";

    Child child = underTerminal(line);
    String output = child.awaitExit().replace("\r", "");

    assertEquals(0, child.exitCode(), output);
    String before = output.substring(0, output.indexOf("=== exit\n"));
    String after = section(output, "=== after 3", null);
    assertTrue(settings(before).contains("icanon"), before);
    assertEquals(before, after);
  }

  @Test
  void ctrlCReachesChildAsInterrupt() throws Exception {
    assumeScriptAvailable();

    Child child = underTerminal(mainCommand("/bin/sh", "-c", "echo ready; exec sleep 20"));
    child.await("ready");
    child.type(new byte[] {0x03});
    String output = child.awaitExit();

    // The JVM itself would die without printing a status if Ctrl-C reached it as SIGINT.
    assertTrue(output.contains("status=130"), output);
    assertEquals(130, child.exitCode());
  }

  @Test
  void pipedStandardInputReachesChild() throws Exception {
    Child child = Child.start(new ProcessBuilder(mainCommand("/bin/sh", "-c", "stty size; cat")));
    child.type("hello\n".getBytes(StandardCharsets.UTF_8));
    child.endInput();
    String output = child.awaitExit();

    assertEquals(0, child.exitCode(), output);
    // No terminal for keyrun: the default size. Then the echo of the input line, and cat's copy.
    assertTrue(output.contains("24 80\r\n"), output);
    assertEquals(2, output.split("hello\r\n", -1).length - 1, output);
  }

  @Test
  void missingNativeLibraryGivesOneLine() throws Exception {
    Path emptyFolder = Files.createDirectory(temp.resolve("natives"));

    Child child =
        Child.start(
            new ProcessBuilder(
                mainCommand(
                    List.of("-Dpty4j.preferred.native.folder=" + emptyFolder), "/bin/true")));
    child.endInput();
    child.awaitExit();

    assertEquals(125, child.exitCode());
    List<String> lines = child.errorText().lines().toList();
    assertEquals(2, lines.size(), child.errorText());
    String expectedStart =
        "keyrun: pseudo-terminal: cannot load pty4j's native library from " + emptyFolder + ": ";
    assertTrue(lines.get(0).startsWith(expectedStart), lines.get(0));
    assertTrue(lines.get(1).contains("--no-mask"), lines.get(1));
  }

  @Test
  void missingTemporaryFolderGivesOneLine() throws Exception {
    Path missing = temp.resolve("missing");

    Child child =
        Child.start(
            new ProcessBuilder(mainCommand(List.of("-Djava.io.tmpdir=" + missing), "/bin/true")));
    child.endInput();
    child.awaitExit();

    assertEquals(125, child.exitCode());
    List<String> lines = child.errorText().lines().toList();
    assertEquals(
        List.of(
            "keyrun: pseudo-terminal: cannot extract pty4j's native library into " + missing,
            "hint: make "
                + missing
                + " writable, or run with --no-mask to run the command without a"
                + " pseudo-terminal"),
        lines);
  }

  @Test
  void extractedLibraryDeleted() throws Exception {
    Path temporaryRoot = Files.createDirectory(temp.resolve("tmp"));

    Child child =
        Child.start(
            new ProcessBuilder(
                mainCommand(List.of("-Djava.io.tmpdir=" + temporaryRoot), "/bin/echo", "ok")));
    child.endInput();
    String output = child.awaitExit();

    assertEquals(0, child.exitCode(), child.errorText());
    assertTrue(output.contains("ok\r\n"), output);
    try (Stream<Path> left = Files.list(temporaryRoot)) {
      assertEquals(List.of(), left.toList());
    }
  }

  private static void assumeScriptAvailable() {
    assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed");
  }

  /** Starts {@code command} as the child of {@code script}, on the terminal that script makes. */
  private static Child underTerminal(List<String> command) throws IOException {
    return underTerminal(
        command.stream().map(PtySessionProcessTest::quote).collect(Collectors.joining(" ")));
  }

  /** Runs the shell command {@code line} under {@code script}. */
  private static Child underTerminal(String line) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qfec", line, "/dev/null");
    builder.environment().put("SHELL", "/bin/sh");
    return Child.start(builder);
  }

  private static List<String> mainCommand(String... arguments) {
    return mainCommand(List.of(), arguments);
  }

  private static List<String> mainCommand(List<String> jvmOptions, String... arguments) {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, PtySessionMain.class.getName()));
    command.addAll(Arrays.asList(arguments));
    return command;
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Returns the text after the line {@code from}, up to the line starting with {@code to}. */
  private static String section(String output, String from, String to) {
    int start = output.indexOf(from + "\n");
    assertTrue(start >= 0, "no line \"" + from + "\" in: " + output);
    start += from.length() + 1;
    if (to == null) {
      return output.substring(start);
    }
    int end = output.indexOf("\n" + to, start - 1);
    assertTrue(end >= start - 1, "no line \"" + to + "\" after \"" + from + "\" in: " + output);
    return output.substring(start, end + 1);
  }

  private static Set<String> settings(String sttyOutput) {
    return Arrays.stream(sttyOutput.split("[\\s;]+")).collect(Collectors.toSet());
  }

  /** A child process whose stdout and stderr are collected while it runs. */
  private static final class Child {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final Thread outputCopy;
    private final Thread errorCopy;

    private Child(Process process) {
      this.process = process;
      this.outputCopy = copy(process.getInputStream(), output);
      this.errorCopy = copy(process.getErrorStream(), errors);
    }

    static Child start(ProcessBuilder builder) throws IOException {
      return new Child(builder.start());
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try {
                  int count;
                  while ((count = from.read(buffer)) > 0) {
                    synchronized (to) {
                      to.write(buffer, 0, count);
                      to.notifyAll();
                    }
                  }
                } catch (IOException e) {
                  // The process ended.
                }
              });
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    void type(byte[] bytes) throws IOException {
      OutputStream input = process.getOutputStream();
      input.write(bytes);
      input.flush();
    }

    void endInput() throws IOException {
      process.getOutputStream().close();
    }

    void await(String part) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      synchronized (output) {
        while (!output.toString(StandardCharsets.UTF_8).contains(part)) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            throw new AssertionError("no \"" + part + "\" in: " + output);
          }
          output.wait(left);
        }
      }
    }

    String awaitExit() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not exit; its output: " + text(output));
      }
      outputCopy.join(5000);
      errorCopy.join(5000);
      return text(output);
    }

    int exitCode() {
      return process.exitValue();
    }

    String errorText() {
      return text(errors);
    }

    private static String text(ByteArrayOutputStream bytes) {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
