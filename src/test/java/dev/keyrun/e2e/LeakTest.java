package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No value reaches keyrun's stderr, its logs, its errors or its own command line. */
class LeakTest {
  private static final String PLAIN = "plain-secret-4f1c";
  private static final String STORED = "stored-secret-9a2e";

  @TempDir Path directory;

  private Keyrun keyrun() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "STORED=" + STORED + "\n");
    TestFiles.writePrivate(
        directory.resolve(".env"), "PLAIN=" + PLAIN + "\nSTORED=dotenv:STORED\nURL=x:${STORED}\n");
    return Keyrun.in(directory).env("KEYRUN_DOTENV_STORE", store.toString());
  }

  private static void assertNoValue(String text) {
    assertFalse(text.contains(PLAIN), text);
    assertFalse(text.contains(STORED), text);
  }

  @Test
  void verboseNamesKeysNotValues() throws Exception {
    Keyrun.Result result = keyrun().args("--verbose", "--", "true").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stderr().contains("STORED: dotenv:STORED"), result.stderr());
    assertTrue(result.stderr().contains("PLAIN: plain value"), result.stderr());
    assertNoValue(result.stderr());
  }

  @Test
  void debugFailureShowsNoValue() throws Exception {
    Keyrun.Result result =
        keyrun().args("--debug", "--only", "STORED,PLAIN", "--", "/nonexistent/cmd").run();

    assertEquals(127, result.status());
    assertNoValue(result.stderr());
  }

  @Test
  void overrideNoticeShowsNoValue() throws Exception {
    Keyrun.Result result =
        keyrun().env("PLAIN", "old").env("STORED", "old").args("--", "true").run();

    assertTrue(result.stderr().contains("PLAIN, STORED"), result.stderr());
    assertNoValue(result.stderr());
  }

  @Test
  void supervisorCommandLineHoldsNoValue() throws Exception {
    Keyrun.Result result =
        keyrun().args("--no-exec", "--", "sh", "-c", "tr '\\0' ' ' < /proc/$PPID/cmdline").run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("dev.keyrun") || result.stdout().contains("keyrun"));
    assertNoValue(result.stdout());
  }
}
