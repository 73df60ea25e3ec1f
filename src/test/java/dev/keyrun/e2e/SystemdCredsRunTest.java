package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with a systemd credential as an environment variable, as an ExecStart= line does. */
class SystemdCredsRunTest {
  @TempDir Path directory;

  @Test
  void credentialReachesCommandWithNotice() throws Exception {
    Path credentials = Files.createDirectories(directory.resolve("credentials"));
    Files.writeString(credentials.resolve("api"), "credential-value\n");
    Path envFile =
        TestFiles.write(directory.resolve("app.env"), "API=systemd-creds://api\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("CREDENTIALS_DIRECTORY", credentials.toString())
            .env("KEYRUN_CREDSTORE_PATH", directory.resolve("none").toString())
            .args("--env-file", envFile.toString(), "--as-env", "API")
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("credential-value\n", ChildEnvironment.parse(result.stdoutBytes()).get("API"));
    assertTrue(result.stderr().contains("API (from systemd credentials)"), result.stderr());
    assertTrue(result.stderr().contains("/proc/PID/environ"), result.stderr());
  }

  @Test
  void binaryCredentialArrivesExactly() throws Exception {
    Path credentials = Files.createDirectories(directory.resolve("credentials"));
    byte[] value = {'a', (byte) 0xff, '\t', 'b', '\n'};
    Files.write(credentials.resolve("bin"), value);
    Path envFile =
        TestFiles.write(directory.resolve("app.env"), "BIN=systemd-creds://bin\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("CREDENTIALS_DIRECTORY", credentials.toString())
            .env("KEYRUN_CREDSTORE_PATH", directory.resolve("none").toString())
            .args("--env-file", envFile.toString(), "--as-env", "BIN", "--no-mask")
            .args("--", "sh", "-c", "printf %s \"$BIN\"")
            .run();

    assertEquals(0, result.status(), result.stderr());
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new byte[] {'a', (byte) 0xff, '\t', 'b', '\n'}, result.stdoutBytes());
  }

  @Test
  void missingDirectoryIsExplained() throws Exception {
    Path envFile =
        TestFiles.write(directory.resolve("app.env"), "DB=systemd-creds://db\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .unset("CREDENTIALS_DIRECTORY")
            .env("KEYRUN_CREDSTORE_PATH", directory.resolve("none").toString())
            .args("--env-file", envFile.toString(), "--", "true")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("CREDENTIALS_DIRECTORY is not set"), result.stderr());
    assertTrue(result.stderr().contains("ExecStop="), result.stderr());
  }
}
