package dev.keyrun.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pty4j.WinSize;
import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs real commands on pseudo-terminals. The test JVM's standard input is no terminal, so these
 * tests feed input and window sizes through {@link FakeTerminal}. PtySessionProcessTest covers
 * keyrun's real terminal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PtySessionTest {
  private static final Path SH = Path.of("/bin/sh");

  @TempDir Path temp;

  @Test
  void childSeesTerminal() {
    Run run = run(new FakeTerminal(), "[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo tty");

    assertEquals(0, run.status());
    assertEquals("tty\r\n", run.text());
  }

  @Test
  void megabyteArrivesIntact() throws IOException {
    byte[] data = new byte[1024 * 1024];
    new Random(42).nextBytes(data);
    Path file = temp.resolve("data.bin");
    Files.write(file, data);

    Run run = run(new FakeTerminal(), "cat " + file);

    assertEquals(0, run.status());
    byte[] expected = withCarriageReturns(data);
    assertEquals(expected.length, run.output().length);
    assertEquals(-1, Arrays.mismatch(expected, run.output()), "first differing byte");
  }

  @ParameterizedTest
  @CsvSource({"exit 0, 0", "exit 3, 3", "kill -TERM $$, 143", "kill -KILL $$, 137"})
  void exitStatus(String script, int expected) {
    assertEquals(expected, run(new FakeTerminal(), script).status());
  }

  @Test
  void exitStatusRejectsFailedWait() {
    assertEquals(ExitCode.KEYRUN_FAILED, PtySession.exitStatus(-1));
    assertEquals(ExitCode.KEYRUN_FAILED, PtySession.exitStatus(0x17f));
    assertEquals(130, PtySession.exitStatus(130));
  }

  @Test
  void windowSizeAtStart() {
    FakeTerminal host = new FakeTerminal();
    host.size = new WinSize(101, 33);

    Run run = run(host, "stty size");

    assertEquals("33 101\r\n", run.text());
  }

  @Test
  void resizeReachesChild() throws Exception {
    FakeTerminal host = new FakeTerminal();
    Capture output = new Capture();
    String script = "trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done";
    PtySession session = PtySession.start(shell(script), output, host);

    output.await("ready\r\n");
    host.size = new WinSize(120, 40);
    session.resize();

    assertEquals(0, session.waitFor());
    assertEquals("ready\r\n40 120\r\n", output.text());
  }

  @Test
  void pipedInputReachesChild() throws IOException {
    FakeTerminal host = new FakeTerminal();
    host.type("hello\nworld\n");
    host.endInput();

    Run run = run(host, Path.of("/bin/cat"));

    assertEquals(0, run.status());
    // The terminal echoes each line, and cat prints it again.
    assertEquals(2, occurrences(run.text(), "hello\r\n"));
    assertEquals(2, occurrences(run.text(), "world\r\n"));
  }

  @Test
  void inputEndWithoutNewlineEndsCat() throws IOException {
    FakeTerminal host = new FakeTerminal();
    host.type("abc");
    host.endInput();

    Run run = run(host, Path.of("/bin/cat"));

    assertEquals(0, run.status());
    assertEquals(2, occurrences(run.text(), "abc"));
  }

  @Test
  void emptyInputEndsCat() throws IOException {
    FakeTerminal host = new FakeTerminal();
    host.endInput();

    Run run = run(host, Path.of("/bin/cat"));

    assertEquals(0, run.status());
    assertEquals("", run.text());
  }

  @Test
  void promptArrivesBeforeAnswer() throws Exception {
    FakeTerminal host = new FakeTerminal();
    Capture output = new Capture();
    PtySession session =
        PtySession.start(shell("printf 'Name: '; read name; echo \"hi $name\""), output, host);

    output.await("Name: ");
    assertTrue(ProcessHandle.of(session.pid()).map(ProcessHandle::isAlive).orElse(false));
    host.type("bob\n");

    assertEquals(0, session.waitFor());
    assertEquals("Name: bob\r\nhi bob\r\n", output.text());
  }

  @Test
  void pidReceivesSignals() throws Exception {
    Capture output = new Capture();
    PtySession session =
        PtySession.start(shell("echo ready; exec sleep 30"), output, new FakeTerminal());

    output.await("ready\r\n");
    ProcessHandle.of(session.pid()).orElseThrow().destroy();

    assertEquals(143, session.waitFor());
  }

  @Test
  void closeHangsUpRunningChild() throws Exception {
    Capture output = new Capture();
    PtySession session =
        PtySession.start(shell("echo ready; exec sleep 30"), output, new FakeTerminal());
    output.await("ready\r\n");
    ProcessHandle child = ProcessHandle.of(session.pid()).orElseThrow();

    session.close();
    session.close();

    child.onExit().get(10, TimeUnit.SECONDS);
    assertEquals(129, session.waitFor());
  }

  @Test
  void grandchildOutputIsBounded() {
    long start = System.nanoTime();

    Run run = run(new FakeTerminal(), "yes & sleep 0.2; exit 5");

    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(5, run.status());
    assertTrue(elapsedMillis < 6000, "waitFor took " + elapsedMillis + " ms");
  }

  @Test
  void environmentIsExact() {
    Map<String, String> environment = Map.of("ONLY_THIS", "value", "TERM", "vt100");
    PtyCommand command = new PtyCommand(Path.of("/usr/bin/env"), List.of(), environment);

    Run run = run(new FakeTerminal(), command);

    assertEquals(0, run.status());
    List<String> lines = run.text().lines().sorted().toList();
    assertEquals(List.of("ONLY_THIS=value", "TERM=vt100"), lines);
  }

  @Test
  void scriptWithoutInterpreterLineRunsInShell() throws IOException {
    Path script = temp.resolve("plain-script");
    Files.writeString(script, "echo from-script \"$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    Run run = run(new FakeTerminal(), new PtyCommand(script, List.of("arg"), environment()));

    assertEquals(0, run.status());
    assertEquals("from-script arg\r\n", run.text());
  }

  @Test
  void nonExecutableProgramFails() throws IOException {
    Path file = temp.resolve("not-executable");
    Files.writeString(file, "#!/bin/sh\necho never\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    KeyrunException e = assertStartFails(new PtyCommand(file, List.of(), environment()));

    assertEquals(ExitCode.NOT_EXECUTABLE, e.exitCode());
    assertEquals(file + ": cannot execute: permission denied", e.getMessage());
  }

  @Test
  void missingProgramFails() {
    Path missing = temp.resolve("missing");

    KeyrunException e = assertStartFails(new PtyCommand(missing, List.of(), environment()));

    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
  }

  @Test
  void directoryProgramFails() {
    KeyrunException e = assertStartFails(new PtyCommand(temp, List.of(), environment()));

    assertEquals(ExitCode.NOT_EXECUTABLE, e.exitCode());
  }

  @Test
  void relativeProgramRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new PtyCommand(Path.of("sh"), List.of(), Map.of()));
  }

  @Test
  void commandTextHidesValues() {
    PtyCommand command = new PtyCommand(SH, List.of("-c", "true"), Map.of("TOKEN", "s3cret"));

    assertFalse(command.toString().contains("s3cret"), command.toString());
  }

  private KeyrunException assertStartFails(PtyCommand command) {
    return assertThrows(
        KeyrunException.class, () -> PtySession.start(command, new Capture(), new FakeTerminal()));
  }

  private static PtyCommand shell(String script) {
    return new PtyCommand(SH, List.of("-c", script), environment());
  }

  private static Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    environment.put("TERM", "xterm");
    return environment;
  }

  private static Run run(FakeTerminal host, String script) {
    return run(host, shell(script));
  }

  private static Run run(FakeTerminal host, Path program) {
    return run(host, new PtyCommand(program, List.of(), environment()));
  }

  private static Run run(FakeTerminal host, PtyCommand command) {
    Capture output = new Capture();
    PtySession session = PtySession.start(command, output, host);
    int status = session.waitFor();
    return new Run(status, output.bytes());
  }

  private static byte[] withCarriageReturns(byte[] data) {
    ByteArrayOutputStream expected = new ByteArrayOutputStream(data.length + data.length / 128);
    for (byte b : data) {
      if (b == '\n') {
        expected.write('\r');
      }
      expected.write(b);
    }
    return expected.toByteArray();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }

  /** The exit status and output of a finished session. */
  record Run(int status, byte[] output) {
    String text() {
      return new String(output, StandardCharsets.ISO_8859_1);
    }
  }

  /** Collects the session's output and lets a test wait for a piece of it. */
  static final class Capture extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] buffer, int offset, int length) {
      bytes.write(buffer, offset, length);
      notifyAll();
    }

    synchronized byte[] bytes() {
      return bytes.toByteArray();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized void await(String part) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!text().contains(part)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("no \"" + part + "\" in the output: " + text());
        }
        wait(left);
      }
    }
  }

  /** A host terminal whose input the test types through a pipe, of a size the test sets. */
  static final class FakeTerminal implements HostTerminal {
    private final Pipe pipe;
    private final OutputStream keyboard;
    volatile WinSize size = new WinSize(80, 24);

    FakeTerminal() {
      try {
        pipe = Pipe.open();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      keyboard = Channels.newOutputStream(pipe.sink());
    }

    void type(String text) throws IOException {
      keyboard.write(text.getBytes(StandardCharsets.UTF_8));
    }

    void endInput() throws IOException {
      keyboard.close();
    }

    @Override
    public InputStream openInput() {
      return Channels.newInputStream(pipe.source());
    }

    @Override
    public boolean inputIsTerminal() {
      return false;
    }

    @Override
    public WinSize size() {
      return size;
    }

    @Override
    public Runnable enterRawMode() {
      return () -> {};
    }
  }
}
