package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run without a config file loads no Jackson class, since keyrun wraps every command and its
 * start-up time matters. The JVM's class-loading log (-verbose:class) shows what was loaded.
 */
class ConfigStartupTest {
  @TempDir Path directory;

  @Test
  void runWithoutConfigLoadsNoJackson() throws Exception {
    String classes = loadedClasses();

    assertTrue(classes.contains("dev.keyrun.config.UserConfig"), "the log shows keyrun's classes");
    assertFalse(classes.contains("com.fasterxml.jackson"), "a Jackson class was loaded");
  }

  @Test
  void runWithConfigLoadsTomlParser() throws Exception {
    Path config = directory.resolve("xdg/keyrun/config.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "timeout = 5\n");

    assertTrue(loadedClasses().contains("com.fasterxml.jackson.dataformat.toml"));
  }

  /** Runs keyrun from the test class path with -verbose:class and returns the log. */
  private String loadedClasses() throws Exception {
    Path envFile = TestFiles.writePrivate(directory.resolve("app.env"), "A=1\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-verbose:class",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.keyrun.cli.Main",
                    "--env-file",
                    envFile.toString(),
                    "--",
                    "true"))
            .directory(directory.toFile())
            .redirectErrorStream(true);
    builder.environment().put("HOME", directory.toString());
    builder.environment().put("XDG_CONFIG_HOME", directory.resolve("xdg").toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();

    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keyrun did not finish within 60 s");
    String log = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), log);
    return log;
  }
}
