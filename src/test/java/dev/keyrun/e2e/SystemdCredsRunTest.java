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
            .args("--env-file", envFile.toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("credential-value\n", ChildEnvironment.parse(result.stdoutBytes()).get("API"));
    assertTrue(result.stderr().contains("API (from systemd credentials)"), result.stderr());
    assertTrue(result.stderr().contains("/proc/PID/environ"), result.stderr());
  }
}
