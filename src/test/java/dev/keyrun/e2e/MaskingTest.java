package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that is not a terminal is masked: a pipe, a log file, an assistant reading the command's
 * stdout. Unrelated bytes pass at once, so line-based protocols keep working.
 */
class MaskingTest {
  private static final String MARKER = "<concealed by keyrun>";
  private static final String TOKEN = "abcdef0123456789";
  private static final String API_KEY = "sk-test-4f9a1c2e7b";

  @TempDir Path directory;

  @BeforeEach
  void writeDotEnv() throws Exception {
    TestFiles.writePrivate(
        directory.resolve(".env"),
        "TOKEN=" + TOKEN + "\nTEST_API_KEY=" + API_KEY + "\nSHORT=abc\n");
  }

  private Keyrun keyrun(String... arguments) {
    return Keyrun.in(directory).args(arguments);
  }

  @Test
  void valueOnPipedStdoutIsMasked() throws Exception {
    Keyrun.Result result = keyrun("--", "printenv", "TEST_API_KEY").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(MARKER + "\n", result.stdout());
  }

  @Test
  void valueOnPipedStderrIsMasked() throws Exception {
    Keyrun.Result result = keyrun("--", "sh", "-c", "printenv TEST_API_KEY >&2").run();

    assertEquals(0, result.status());
    assertEquals(MARKER + "\n", result.stderr());
  }

  @Test
  void noMaskPassesValuesThrough() throws Exception {
    Keyrun.Result result = keyrun("--no-mask", "--", "printenv", "TEST_API_KEY").run();

    assertEquals(API_KEY + "\n", result.stdout());
  }

  @Test
  void splitSecretMaskedPrefixNotDelayed() throws Exception {
    Path go = directory.resolve("go");
    Process process =
        keyrun(
                "--",
                "sh",
                "-c",
                "printf 'key=abcdef01'; while [ ! -e go ]; do sleep 0.05; done;"
                    + " printf '23456789 end\\n'")
            .start();
    process.getOutputStream().close();
    InputStream stdout = process.getInputStream();

    String before = readUntil(stdout, "key=");
    Files.createFile(go);
    String after = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    String output = before + after;
    assertEquals("key=" + MARKER + " end\n", output);
    assertFalse(output.contains("abcdef01"), output);
    assertFalse(output.contains("23456789"), output);
  }

  @Test
  void longerOverlappingSecretLeavesNoTail() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "SHORTER=sk-live\nLONGER=sk-live-12345\n");

    Keyrun.Result result =
        keyrun("--", "sh", "-c", "echo sk-live-12345; echo sk-live; echo done").run();

    assertEquals(MARKER + "\n" + MARKER + "\ndone\n", result.stdout());
  }

  @Test
  void encodedCopiesAreMasked() throws Exception {
    String script =
        "printf %s \"$TEST_API_KEY\" | base64; "
            + "python3 -c 'import os, urllib.parse;"
            + " print(urllib.parse.quote(os.environ[\"TEST_API_KEY\"] + \" /&\"))'; "
            + "python3 -c 'import json, os; print(json.dumps({\"k\": os.environ[\"TOKEN\"]}))'";

    Keyrun.Result result = keyrun("--", "sh", "-c", script).run();

    assertEquals(0, result.status(), result.stderr());
    String output = result.stdout();
    assertFalse(output.contains("c2stdGVzdC00ZjlhMWMyZTdi"), output);
    assertFalse(output.contains("sk-test-4f9a1c2e7b"), output);
    assertFalse(output.contains(TOKEN), output);
    assertTrue(output.startsWith(MARKER), output);
  }

  @Test
  void shortValuesNotMaskedVerboseNamesThem() throws Exception {
    Keyrun.Result result = keyrun("--verbose", "--", "printenv", "SHORT").run();

    assertEquals("abc\n", result.stdout());
    assertTrue(
        result.stderr().contains("not masked, shorter than 6 bytes: SHORT"), result.stderr());
    assertTrue(result.stderr().contains("supervised"), result.stderr());
  }

  @Test
  void jsonRpcRepliesArriveBeforeTheNextRequest() throws Exception {
    String server =
        "import sys\n"
            + "for line in sys.stdin:\n"
            + "    sys.stdout.write('{\"jsonrpc\":\"2.0\",\"result\":\"' + line.strip() + '\"}\\n')\n"
            + "    sys.stdout.flush()\n";
    Files.writeString(directory.resolve("echo_server.py"), server);
    Process process = keyrun("--", "python3", "echo_server.py").start();
    OutputStream stdin = process.getOutputStream();
    BufferedReader replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

    for (String request : new String[] {"one", API_KEY, "three"}) {
      stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      String expected = request.equals(API_KEY) ? MARKER : request;
      assertEquals("{\"jsonrpc\":\"2.0\",\"result\":\"" + expected + "\"}", lineWithin(replies));
    }
    stdin.close();

    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
  }

  @Test
  void terminalOutputIsNotMaskedAndStaysATerminal() throws Exception {
    UnderTerminal.assumeScript();
    String output =
        UnderTerminal.output(
            directory,
            keyrun("--", "sh", "-c", "[ -t 1 ] && echo stdout-is-tty; printenv TEST_API_KEY"));

    assertTrue(output.contains("stdout-is-tty"), output);
    assertTrue(output.contains(API_KEY), output);
  }

  @Test
  void forcedMaskOnTerminalKeepsATerminal() throws Exception {
    UnderTerminal.assumeScript();
    String output =
        UnderTerminal.output(
            directory,
            keyrun(
                "--mask",
                "--",
                "sh",
                "-c",
                "[ -t 1 ] && echo stdout-is-tty; printenv TEST_API_KEY; exit 4"));

    assertTrue(output.contains("stdout-is-tty"), output);
    assertTrue(output.contains(MARKER), output);
    assertFalse(output.contains(API_KEY), output);
    assertTrue(output.contains("status=4"), output);
  }

  @Test
  void terminalMaskRelativeProgramExitCode() throws Exception {
    UnderTerminal.assumeScript();
    Files.writeString(directory.resolve("app.sh"), "#!/bin/sh\nprintenv TEST_API_KEY\nexit 130\n");
    directory.resolve("app.sh").toFile().setExecutable(true);

    String output = UnderTerminal.output(directory, keyrun("--mask", "--", "./app.sh"));

    assertTrue(output.contains(MARKER), output);
    assertFalse(output.contains(API_KEY), output);
    assertTrue(output.contains("status=130"), output);
  }

  @Test
  void forcedMaskWithPipedInputUsesPipes() throws Exception {
    UnderTerminal.assumeScript();
    Files.writeString(
        directory.resolve("app.sh"),
        "#!/bin/sh\n[ -t 0 ] || echo stdin-is-pipe\n[ -t 1 ] || echo stdout-is-pipe\n"
            + "wc -c\nprintenv TEST_API_KEY\n");
    directory.resolve("app.sh").toFile().setExecutable(true);
    Keyrun keyrun = keyrun("--mask", "--", "./app.sh");
    StringBuilder command = new StringBuilder("head -c 10000 /dev/zero | ");
    for (String word : keyrun.commandLine()) {
      command.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }

    String output =
        UnderTerminal.output(directory, keyrun("--no-mask", "--", "sh", "-c", command.toString()));

    assertTrue(output.contains("stdin-is-pipe"), output);
    assertTrue(output.contains("stdout-is-pipe"), output);
    assertTrue(output.contains("10000"), output);
    assertTrue(output.contains(MARKER), output);
    assertFalse(output.contains(API_KEY), output);
  }

  @Test
  void backgroundWriterHeldPrefixConcealed() throws Exception {
    Keyrun.Result result =
        keyrun(
                "--",
                "sh",
                "-c",
                "(printf 'key=sk-test-4f9a'; sleep 2; printf '1c2e7b\\n') >&1 & exit 0")
            .run();

    assertFalse(result.stdout().contains("sk-test"), result.stdout());
    assertTrue(result.stdout().startsWith("key=" + MARKER), result.stdout());
  }

  @Test
  void termWhileBackgroundWriterRunsEndsKeyrun() throws Exception {
    Process process =
        new ShellRun(directory)
            .startInNewSession(
                keyrun(
                        "--",
                        "sh",
                        "-c",
                        "(while :; do echo tick; sleep 0.1; done) & sleep 0.3; exit 0")
                    .commandLine());
    try {
      InputStream stdout = process.getInputStream();
      readUntil(stdout, "tick");
      Thread.sleep(800);

      process.toHandle().destroy();

      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "keyrun ignored SIGTERM");
      assertEquals(143, process.exitValue());
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
    }
  }

  @Test
  void maskAndNoMaskTogetherAreRejected() throws Exception {
    Keyrun.Result result = keyrun("--mask", "--no-mask", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --mask and --no-mask: "), result.stderr());
  }

  /** Reads one line; fails if it does not arrive within 20 s (held back). */
  private static String lineWithin(BufferedReader reader) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return reader.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return line.get(20, TimeUnit.SECONDS);
  }

  /** Reads until {@code expected} has arrived; fails if that takes 20 s (held back). */
  private static String readUntil(InputStream stream, String expected) throws Exception {
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder text = new StringBuilder();
              try {
                while (!text.toString().contains(expected)) {
                  int b = stream.read();
                  if (b < 0) {
                    throw new AssertionError("output ended before " + expected + ": " + text);
                  }
                  text.append((char) b);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return text.toString();
            });
    return read.get(20, TimeUnit.SECONDS);
  }
}
