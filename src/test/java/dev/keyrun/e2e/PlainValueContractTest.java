package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyrun.dotenv.DotenvValueEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain values written in an env file, held to the same cases as the stores: they reach the command
 * byte for byte, whatever their characters, lines or size, twenty at a time.
 */
class PlainValueContractTest {
  @TempDir Path directory;

  private Map<String, String> runWith(Map<String, String> values) throws Exception {
    StringBuilder content = new StringBuilder();
    values.forEach(
        (key, value) ->
            content.append(key).append('=').append(DotenvValueEncoder.encode(value)).append('\n'));
    Path envFile = TestFiles.writePrivate(directory.resolve("plain.env"), content.toString());

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", envFile.toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    return ChildEnvironment.parse(result.stdoutBytes());
  }

  private void assertArrives(String value) throws Exception {
    assertEquals(value, runWith(Map.of("VALUE", value)).get("VALUE"));
  }

  @Test
  void asciiValue() throws Exception {
    assertArrives("sk-plain-0123456789");
  }

  @Test
  void unicodeValue() throws Exception {
    assertArrives("café ü ✓ 🔑");
  }

  @Test
  void multiLineValue() throws Exception {
    assertArrives("line1\nline2\n\tindented \"quoted\" 'single' $HOME ${X}");
  }

  @Test
  void trailingNewlineKept() throws Exception {
    assertArrives("value\n");
  }

  @Test
  void sixtyFourKibValue() throws Exception {
    assertArrives("0123456789abcdef".repeat(4096));
  }

  @Test
  void twentyValuesAtOnce() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      values.put("KEY_" + i, "value " + i + " ü\n" + "x".repeat(i));
    }

    Map<String, String> received = runWith(values);

    values.forEach((key, value) -> assertEquals(value, received.get(key), key));
  }
}
