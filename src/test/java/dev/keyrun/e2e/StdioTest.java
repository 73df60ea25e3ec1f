package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stdout belongs to the child: an MCP stdio server breaks on a single stray byte, so whatever
 * keyrun reports goes to stderr, and stdin reaches the child untouched.
 */
class StdioTest {
  private static final String REQUEST =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}\n";

  @TempDir Path directory;

  @BeforeEach
  void writeDotEnv() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "API_KEY=sk-test\nREGION=from-file\n");
  }

  private Keyrun.Result echoOneLine(Keyrun keyrun) throws Exception {
    return keyrun.args("--", "head", "-n", "1").input(REQUEST).run();
  }

  @Test
  void childOutputIsExactWithDotEnv() throws Exception {
    Keyrun.Result result = echoOneLine(Keyrun.in(directory));

    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), result.stdoutBytes());
  }

  @Test
  void childOutputIsExactWhenVerbose() throws Exception {
    Keyrun.Result result = echoOneLine(Keyrun.in(directory).args("--verbose"));

    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), result.stdoutBytes());
  }

  @Test
  void childOutputIsExactWithOverrideNotice() throws Exception {
    Keyrun.Result result = echoOneLine(Keyrun.in(directory).env("REGION", "inherited"));

    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), result.stdoutBytes());
    assertEquals(true, result.stderr().contains("notice"), result.stderr());
  }

  @Test
  void childOutputIsExactWhenSupervised() throws Exception {
    Keyrun.Result result = echoOneLine(Keyrun.in(directory).args("--no-exec", "--verbose"));

    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), result.stdoutBytes());
  }
}
