package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a project with a keyrun.toml: one manifest whose laptop profile reads a dotenv store and
 * whose server profile reads systemd credentials.
 */
class ManifestRunTest {
  private static final String LAPTOP_VALUE = "laptop-secret-3141";
  private static final String SERVER_VALUE = "server-secret-2718";

  private static final String MANIFEST =
      """
      [project]
      name = "billing"

      [keys.K]
      description = "the key both profiles provide"

      [keys.OPTIONAL]
      required = false

      [profiles.laptop]
      K = "dotenv:K"

      [profiles.server]
      K = { ref = "systemd-creds://k", delivery = "env" }
      """;

  @TempDir Path directory;
  private Path project;
  private Path store;
  private Path credentials;

  @BeforeEach
  void writeProject() throws Exception {
    project = Files.createDirectories(directory.resolve("billing"));
    TestFiles.write(project.resolve("keyrun.toml"), MANIFEST, "rw-r--r--");
    store = TestFiles.writePrivate(directory.resolve("store.env"), "K=" + LAPTOP_VALUE + "\n");
    credentials = Files.createDirectories(directory.resolve("credentials"));
    Files.writeString(credentials.resolve("k"), SERVER_VALUE);
  }

  private Keyrun keyrun(Path in) {
    return Keyrun.in(in)
        .env("KEYRUN_DOTENV_STORE", store.toString())
        .env("CREDENTIALS_DIRECTORY", credentials.toString())
        .env("KEYRUN_CREDSTORE_PATH", directory.resolve("none").toString())
        .unset("KEYRUN_PROFILE");
  }

  @Test
  void laptopProfileReadsDotenvStore() throws Exception {
    Keyrun.Result result =
        keyrun(project).args("--profile", "laptop", "--no-mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(LAPTOP_VALUE + "\n", result.stdout());
  }

  @Test
  void serverProfileReadsCredentialsDirectory() throws Exception {
    Keyrun.Result result =
        keyrun(project).args("--profile", "server", "--no-mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(SERVER_VALUE + "\n", result.stdout());
  }

  @Test
  void profileVariableSelectsProfile() throws Exception {
    Keyrun.Result result =
        keyrun(project)
            .env("KEYRUN_PROFILE", "server")
            .args("--no-mask", "--", "printenv", "K")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(SERVER_VALUE + "\n", result.stdout());
  }

  @Test
  void profileOptionWinsOverVariable() throws Exception {
    Keyrun.Result result =
        keyrun(project)
            .env("KEYRUN_PROFILE", "server")
            .args("--profile", "laptop", "--no-mask", "--", "printenv", "K")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(LAPTOP_VALUE + "\n", result.stdout());
  }

  @Test
  void manifestIsFoundFromSubdirectory() throws Exception {
    Path deep = Files.createDirectories(project.resolve("src/jobs"));

    Keyrun.Result result =
        keyrun(deep).args("--profile", "laptop", "--no-mask", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(LAPTOP_VALUE + "\n", result.stdout());
  }

  @Test
  void namedManifestIsUsedElsewhere() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));

    Keyrun.Result result =
        keyrun(elsewhere)
            .args("--manifest", project.resolve("keyrun.toml").toString(), "--profile", "laptop")
            .args("--no-mask", "--", "printenv", "K")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(LAPTOP_VALUE + "\n", result.stdout());
  }

  @Test
  void valueIsMaskedAndNeverLogged() throws Exception {
    Keyrun.Result result =
        keyrun(project).args("--profile", "laptop", "--verbose", "--", "printenv", "K").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("<concealed by keyrun>\n", result.stdout());
    assertFalse(result.stderr().contains(LAPTOP_VALUE), result.stderr());
    assertTrue(result.stderr().contains("profile laptop (from --profile)"), result.stderr());
  }

  @Test
  void exportReadsManifest() throws Exception {
    Keyrun.Result result =
        keyrun(project).args("export", "--profile", "server", "--format", "dotenv").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("K='" + SERVER_VALUE + "'\n", result.stdout());
  }

  @Test
  void verboseNamesManifestAndProfile() throws Exception {
    Keyrun.Result result =
        keyrun(project).env("KEYRUN_PROFILE", "laptop").args("--verbose", "--", "true").run();

    assertEquals(0, result.status(), result.stderr());
    String manifest = project.resolve("keyrun.toml").toString();
    assertTrue(
        result
            .stderr()
            .contains(
                "manifest "
                    + manifest
                    + ": project billing, profile laptop (from KEYRUN_PROFILE); read in "),
        result.stderr());
    assertTrue(result.stderr().contains("(from KEYRUN_PROFILE)"), result.stderr());
    assertTrue(result.stderr().contains("OPTIONAL: optional"), result.stderr());
    assertTrue(result.stderr().contains("K: dotenv:K (" + manifest + ":11)"), result.stderr());
  }

  @Test
  void implicitEnvFileIsNotRead() throws Exception {
    TestFiles.writePrivate(project.resolve(".env"), "FROM_DOTENV=plain\n");

    Keyrun.Result result =
        keyrun(project).args("--profile", "laptop").args(ChildEnvironment.PRINT).run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    assertEquals(LAPTOP_VALUE, child.get("K"));
    assertFalse(child.containsKey("FROM_DOTENV"), child.toString());
  }

  @Test
  void envFileOverridesManifestKey() throws Exception {
    Path envFile = TestFiles.writePrivate(project.resolve("local.env"), "K=from-env-file\nL=2\n");

    Keyrun.Result result =
        keyrun(project)
            .args("--profile", "laptop", "--env-file", envFile.toString())
            .args(ChildEnvironment.PRINT)
            .run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    assertEquals("from-env-file", child.get("K"));
    assertEquals("2", child.get("L"));
  }

  @Test
  void noProfileRequiredKeyFails() throws Exception {
    Path marker = directory.resolve("started");

    Keyrun.Result result = keyrun(project).args("--", "touch", marker.toString()).run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: " + project.resolve("keyrun.toml") + ":4: "),
        result.stderr());
    assertFalse(Files.exists(marker));
  }

  @Test
  void fileDeliveryGivesPath() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.K]\nref = \"dotenv:K\"\ndelivery = \"file\"\n",
        "rw-r--r--");

    Keyrun.Result result =
        keyrun(project).args("--", "sh", "-c", "test -z \"${K+set}\" && cat \"$K_FILE\"").run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("<concealed by keyrun>", result.stdout());
  }

  @Test
  void asEnvOverridesFileDelivery() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.K]\nref = \"dotenv:K\"\ndelivery = \"file\"\n",
        "rw-r--r--");

    Keyrun.Result result = keyrun(project).args("--as-env", "K").args(ChildEnvironment.PRINT).run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    assertEquals(LAPTOP_VALUE, child.get("K"));
    assertFalse(child.containsKey("K_FILE"), child.toString());
  }

  @Test
  void onlySkippedOptionalKeyFails() throws Exception {
    Keyrun.Result result =
        keyrun(project).args("--profile", "laptop", "--only", "OPTIONAL", "--", "true").run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().contains("--only OPTIONAL: no env file or manifest declares OPTIONAL"),
        result.stderr());
  }

  @Test
  void onlyNarrowsManifestKeys() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.K]\nref = \"dotenv:K\"\n\n[keys.OTHER]\nref = \"dotenv:MISSING\"\n",
        "rw-r--r--");

    Keyrun.Result result = keyrun(project).args("--only", "K").args(ChildEnvironment.PRINT).run();

    assertEquals(0, result.status(), result.stderr());
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());
    assertEquals(LAPTOP_VALUE, child.get("K"));
    assertFalse(child.containsKey("OTHER"), child.toString());
  }
}
