package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun doctor --home} over a temporary home directory with env files in walked, skipped
 * and unwalked places, and a project inside it.
 */
class HomeEnvFilesDoctorTest {
  private static final String PLAIN_VALUE = "hunter2-" + "Q7vR2mX9kL4pT8wZ";
  private static final String SERVICE_ACCOUNT_VALUE =
      "ops_" + "eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRo";
  private static final List<String> MASTER_VARIABLES =
      List.of("OP_SERVICE_ACCOUNT_TOKEN", "OP_CONNECT_TOKEN", "VAULT_TOKEN", "DOPPLER_TOKEN");

  @TempDir Path directory;
  private Path home;
  private Path project;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createDirectories() throws Exception {
    home = Files.createDirectories(directory.resolve("home"));
    project = Files.createDirectories(home.resolve("src/app"));
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(PLAIN_VALUE, SERVICE_ACCOUNT_VALUE)) {
        assertFalse(
            result.stdout().contains(value), "stdout contains a value:\n" + result.stdout());
        assertFalse(
            result.stderr().contains(value), "stderr contains a value:\n" + result.stderr());
      }
    }
  }

  @Test
  void withoutHomeOptionSkipped() throws Exception {
    writeEnv(home.resolve(".env"), "rw-r--r--");

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  home-env-files  run keyrun doctor --home to walk the home directory"),
        result.stdout());
  }

  @Test
  void readableEnvFilesInUsualPlacesFail() throws Exception {
    writeEnv(home.resolve(".env"), "rw-r--r--");
    writeEnv(home.resolve("src/other/api/.env.local"), "rw-r-----");
    writeEnv(home.resolve(".config/tool/service.env"), "rw----rw-");
    writeEnv(home.resolve("projects/site/.env"), "rw-------");

    Keyrun.Result result = doctor("--home");

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  home-env-files  ~/.env is readable by group and others (mode 644)"
                + "  fix: chmod 600 ~/.env"),
        text);
    assertTrue(
        text.contains("fail  home-env-files  ~/src/other/api/.env.local is readable by group"),
        text);
    assertTrue(
        text.contains(
            "fail  home-env-files  ~/.config/tool/service.env is readable and writable by others"),
        text);
    assertFalse(text.contains("~/projects/site/.env"), text);
  }

  @Test
  void skippedAndUnwalkedPlacesIgnored() throws Exception {
    writeEnv(home.resolve("src/other/node_modules/pkg/.env"), "rw-r--r--");
    writeEnv(home.resolve(".cache/tool/.env"), "rw-r--r--");
    writeEnv(home.resolve(".local/share/Trash/files/.env"), "rw-r--r--");
    writeEnv(home.resolve("go/pkg/mod/x/.env"), "rw-r--r--");
    writeEnv(home.resolve("Documents/notes/.env"), "rw-r--r--");
    writeEnv(home.resolve("src/a/b/c/d/e/f/.env"), "rw-r--r--");
    Files.createSymbolicLink(home.resolve("code"), home.resolve("Documents"));
    writeEnv(project.resolve(".env"), "rw-r--r--");

    Keyrun.Result result = doctor("--home");

    String text = result.stdout();
    assertTrue(
        text.contains(
            "ok    home-env-files  no plaintext env files in the usual places of the home"
                + " directory"),
        text);
    assertTrue(text.contains("fail  env-permissions  .env is readable"), text);
  }

  @Test
  void referenceOnlyEnvFileIgnored() throws Exception {
    Path env = home.resolve("work/api/.env");
    Files.createDirectories(env.getParent());
    Files.writeString(env, "API_KEY=keyring://api/key\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));

    Keyrun.Result result = doctor("--home");

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("ok    home-env-files  no plaintext env files"));
  }

  @Test
  void masterTokenInHomeEnvFileFails() throws Exception {
    Path env = home.resolve("dev/tools/deploy.env");
    Files.createDirectories(env.getParent());
    Files.writeString(env, "# deploy\nOP_SERVICE_ACCOUNT_TOKEN=" + SERVICE_ACCOUNT_VALUE + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));

    Keyrun.Result without = doctor();
    Keyrun.Result with = doctor("--home");

    assertEquals(0, without.status(), without.stdout() + without.stderr());
    assertEquals(1, with.status(), with.stdout() + with.stderr());
    assertTrue(
        with.stdout()
            .contains(
                "fail  master-tokens  ~/dev/tools/deploy.env:2: ops_...(64 chars) is a 1Password"
                    + " service account token"),
        with.stdout());
    assertTrue(
        with.stdout().contains("ok    home-env-files  the plaintext env file in the home"),
        with.stdout());
  }

  private Keyrun.Result doctor(String... arguments) throws Exception {
    Keyrun keyrun = Keyrun.in(project).args("doctor").env("HOME", home.toString());
    for (String variable : MASTER_VARIABLES) {
      keyrun.unset(variable);
    }
    Keyrun.Result result = keyrun.args(arguments).run();
    results.add(result);
    return result;
  }

  private static void writeEnv(Path file, String mode) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "PASSWORD=" + PLAIN_VALUE + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }
}
