package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad manifests: keyrun exits 125 with one line naming file and line, and starts nothing. */
class ManifestFailureTest {
  @TempDir Path directory;

  private Keyrun.Result runWith(String manifest, String mode, String... options) throws Exception {
    Path file = TestFiles.write(directory.resolve("keyrun.toml"), manifest, mode);
    Keyrun.Result result =
        Keyrun.in(directory)
            .unset("KEYRUN_PROFILE")
            .args(options)
            .args("--", "touch", directory.resolve("started").toString())
            .run();

    assertEquals(125, result.status(), result.stderr());
    assertFalse(Files.exists(directory.resolve("started")), "the command ran");
    if (options.length == 0) {
      // Without options, every failure is the manifest's own and names it.
      assertTrue(result.stderr().startsWith("keyrun: " + file), result.stderr());
    }
    return result;
  }

  private static String firstLine(Keyrun.Result result) {
    return result.stderr().lines().findFirst().orElse("");
  }

  @Test
  void malformedTomlNamesLine() throws Exception {
    Keyrun.Result result = runWith("[keys.A]\nref = \"dotenv:A\nx = 1\n", "rw-r--r--");

    assertTrue(
        firstLine(result)
            .endsWith(
                ":2: invalid TOML: the line ends too early (an unclosed [table]"
                    + " header, or a key without = value)"),
        firstLine(result));
    assertEquals(2, result.stderr().lines().count(), result.stderr());
  }

  @Test
  void keyDeclaredTwiceNamesLine() throws Exception {
    Keyrun.Result result =
        runWith("[keys.A]\nref = \"dotenv:A\"\n\n[keys.A]\nref = \"dotenv:B\"\n", "rw-r--r--");

    assertTrue(firstLine(result).endsWith(":4: table defined twice"), firstLine(result));
  }

  @Test
  void unknownFieldNamesLine() throws Exception {
    Keyrun.Result result = runWith("[keys.A]\nref = \"dotenv:A\"\nrequird = false\n", "rw-r--r--");

    assertTrue(
        firstLine(result).endsWith(":3: unknown field \"requird\" in [keys.A]"), firstLine(result));
  }

  @Test
  void unknownProfileListsProfiles() throws Exception {
    Keyrun.Result result =
        runWith(
            "[keys.A]\nref = \"dotenv:A\"\n[profiles.laptop]\n[profiles.server]\n",
            "rw-r--r--",
            "--profile",
            "prod");

    assertTrue(firstLine(result).startsWith("keyrun: --profile prod: no such profile"));
    assertTrue(
        result.stderr().contains("keyrun: hint: defined profiles: laptop, server"),
        result.stderr());
  }

  @Test
  void writableByOthersIsRejected() throws Exception {
    Keyrun.Result result = runWith("[keys.A]\nref = \"dotenv:A\"\n", "rw-rw-rw-");

    assertTrue(
        firstLine(result).endsWith(": is writable by others (mode 0666)"), firstLine(result));
  }

  @Test
  void plainValueIsNotEchoed() throws Exception {
    Keyrun.Result result = runWith("[keys.A]\nref = \"sk-live-98765\"\n", "rw-r--r--");

    assertTrue(
        firstLine(result).endsWith(":2: keys.A.ref is not a keyrun reference"), firstLine(result));
    assertFalse(result.stderr().contains("98765"), result.stderr());
  }

  @Test
  void unknownSchemeIsNamed() throws Exception {
    Keyrun.Result result =
        runWith("[keys.A]\nref = \"dotenv:A\"\n[profiles.p]\nA = \"vault://x\"\n", "rw-r--r--");

    assertTrue(
        firstLine(result).endsWith(":4: profiles.p.A has an unknown scheme \"vault:\""),
        firstLine(result));
  }
}
