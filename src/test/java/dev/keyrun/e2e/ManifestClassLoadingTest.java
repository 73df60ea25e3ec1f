package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that only a run with a manifest loads Jackson, in a JVM started from the test class path
 * without a start-up cache. (A JDK 25 AOT cache trained with a manifest loads its classes at every
 * start, which is the cache's own behaviour.)
 */
class ManifestClassLoadingTest {
  @TempDir Path directory;

  private String loadedClasses(Path workingDirectory) throws Exception {
    Path log = directory.resolve("classes-" + System.nanoTime() + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xlog:disable",
                    "-Xlog:class+load=info:file=" + log,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.keyrun.cli.Main",
                    "--env-file",
                    directory.resolve("app.env").toString(),
                    "--",
                    "true"))
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("output.txt").toFile())
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keyrun did not finish within 60 s");
    assertEquals(0, process.exitValue(), Files.readString(directory.resolve("output.txt")));
    return Files.readString(log);
  }

  @Test
  void runWithoutManifestLoadsNoJackson() throws Exception {
    TestFiles.writePrivate(directory.resolve("app.env"), "A=1\n");
    Path plain = Files.createDirectories(directory.resolve("plain"));

    String classes = loadedClasses(plain);

    assertTrue(classes.contains("dev.keyrun.cli.Main"), "the class log is empty");
    assertFalse(classes.contains("com.fasterxml.jackson"), "a Jackson class was loaded");
  }

  @Test
  void runWithManifestLoadsJackson() throws Exception {
    TestFiles.writePrivate(directory.resolve("app.env"), "A=1\n");
    Path project = Files.createDirectories(directory.resolve("project"));
    Path value = TestFiles.writePrivate(directory.resolve("value.txt"), "b");
    TestFiles.write(
        project.resolve("keyrun.toml"), "[keys.B]\nref = \"file://" + value + "\"\n", "rw-r--r--");

    String classes = loadedClasses(project);

    assertTrue(classes.contains("com.fasterxml.jackson.dataformat.toml"), "no TOML class loaded");
  }
}
