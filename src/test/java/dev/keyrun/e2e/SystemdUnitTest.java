package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun systemd unit}: the drop-in it prints for a service and its env file. */
class SystemdUnitTest {
  @TempDir Path directory;

  @Test
  void dropInLoadsEveryCredential() throws Exception {
    Path envFile =
        TestFiles.writePrivate(
            directory.resolve("app.env"),
            "DB=systemd-creds://db\nAPI=systemd-creds://api\n"
                + "URL=postgres://app:${DB}@db/app\nLOG=info\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("systemd", "unit", "--name", "app", "--env-file", envFile.toString())
            .args("--keyrun", "/usr/local/bin/keyrun", "--", "/usr/bin/app", "--port", "8080")
            .run();

    assertEquals(0, result.status(), result.stderr());
    String unit = result.stdout();
    assertTrue(unit.contains("[Service]\nLoadCredentialEncrypted=db\n"), unit);
    assertTrue(unit.contains("LoadCredentialEncrypted=api\nExecStart=\n"), unit);
    assertTrue(
        unit.contains(
            "ExecStart=/usr/local/bin/keyrun --env-file="
                + envFile
                + " -- /usr/bin/app --port 8080\n"),
        unit);
    assertTrue(unit.contains("/etc/systemd/system/app.service.d/keyrun.conf"), unit);
  }

  @Test
  void manifestProfileCredentialsAreLoaded() throws Exception {
    Path project = java.nio.file.Files.createDirectories(directory.resolve("shop"));
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.API_KEY]\nref = \"dotenv:API_KEY\"\n\n[keys.DB_PASSWORD]\nref = \"dotenv:DB\"\n\n"
            + "[profiles.server]\nAPI_KEY = \"systemd-creds://api\"\n"
            + "DB_PASSWORD = { ref = \"systemd-creds://db\", delivery = \"file\" }\n",
        "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(project)
            .unset("KEYRUN_PROFILE")
            .args("systemd", "unit", "--name", "shop", "--profile", "server")
            .args("--keyrun", "/usr/local/bin/keyrun", "--", "/usr/bin/shop")
            .run();

    assertEquals(0, result.status(), result.stderr());
    String unit = result.stdout();
    assertTrue(unit.contains("LoadCredentialEncrypted=api\nLoadCredentialEncrypted=db\n"), unit);
    assertTrue(
        unit.contains(
            "ExecStart=/usr/local/bin/keyrun --manifest="
                + project.resolve("keyrun.toml")
                + " --profile=server -- /usr/bin/shop\n"),
        unit);
  }

  @Test
  void specialCharactersStayLiteral() throws Exception {
    Keyrun.Result result =
        Keyrun.in(directory)
            .args("systemd", "unit", "--name", "app", "--keyrun", "/usr/local/bin/keyrun")
            .args("--", "/usr/bin/app", "hello $USER 100%", "a\"b")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result.stdout().contains("-- /usr/bin/app \"hello $$USER 100%%\" \"a\\\"b\"\n"),
        result.stdout());
    assertTrue(result.stderr().contains("no systemd-creds:// credential"), result.stderr());
  }

  @Test
  void missingNameIsUsageError() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("systemd", "unit", "--", "/bin/true").run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("see keyrun systemd unit --help"), result.stderr());
  }

  @Test
  void credentialNamesEscaped() throws Exception {
    Path envFile = TestFiles.writePrivate(directory.resolve("app.env"), "A=systemd-creds://a%nb\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("systemd", "unit", "--name", "app", "--env-file", envFile.toString())
            .args("--keyrun", "/usr/local/bin/keyrun", "--", "/usr/bin/app")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().contains("LoadCredentialEncrypted=a%%nb\n"), result.stdout());
  }

  @Test
  void failureLeavesNoPartialDropIn() throws Exception {
    Keyrun.Result result =
        Keyrun.in(directory)
            .args("systemd", "unit", "--name", "app", "--keyrun", "/usr/local/bin/keyrun")
            .args("--", "/usr/bin/app", "tab\there")
            .run();

    assertEquals(125, result.status());
    assertEquals("", result.stdout());
  }
}
