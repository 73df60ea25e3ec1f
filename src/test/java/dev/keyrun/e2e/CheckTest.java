package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun check} in projects whose keys resolve, fail, or cannot be read. */
class CheckTest {
  private static final String API_VALUE = "sk-check-api-271828";
  private static final String DB_VALUE = "postgres://app:pw-161803@db/app";

  private static final String MANIFEST =
      """
      [project]
      name = "billing"

      [keys.API_KEY]
      description = "the payment provider's key"
      ref = "dotenv:API_KEY"

      [keys.DATABASE_URL]
      ref = "dotenv:DATABASE_URL"

      [keys.MAIL_TOKEN]
      ref = "dotenv:MAIL_TOKEN"

      [keys.SENTRY_DSN]
      required = false
      ref = "dotenv:SENTRY_DSN"

      [profiles.server]
      MAIL_TOKEN = "env://SERVER_MAIL_TOKEN"
      """;

  @TempDir Path directory;
  private Path project;
  private Path store;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void writeProject() throws Exception {
    project = Files.createDirectories(directory.resolve("billing"));
    TestFiles.write(project.resolve("keyrun.toml"), MANIFEST, "rw-r--r--");
    store =
        TestFiles.writePrivate(
            directory.resolve("store.env"),
            "API_KEY=" + API_VALUE + "\nDATABASE_URL=" + DB_VALUE + "\n");
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(API_VALUE, DB_VALUE, "mail-token-value")) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
  }

  private Keyrun.Result check(Path in, String... arguments) throws Exception {
    Keyrun.Result result =
        Keyrun.in(in)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("SERVER_MAIL_TOKEN", "mail-token-value")
            .unset("KEYRUN_PROFILE")
            .args("check")
            .args(arguments)
            .run();
    results.add(result);
    return result;
  }

  @Test
  void missingRequiredKeyFailsWithOneLine() throws Exception {
    Keyrun.Result result = check(project);

    assertEquals(1, result.status(), result.stderr());
    List<String> failing = result.stdout().lines().filter(l -> l.startsWith("fail")).toList();
    assertEquals(1, failing.size(), result.stdout());
    assertTrue(failing.get(0).contains("MAIL_TOKEN"), failing.get(0));
    assertTrue(failing.get(0).contains("dotenv:MAIL_TOKEN not found"), failing.get(0));
    assertTrue(result.stderr().contains("1 of 4 keys failed"), result.stderr());
  }

  @Test
  void everyRequiredKeyResolving() throws Exception {
    Keyrun.Result result = check(project, "--profile", "server");

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("absent  SENTRY_DSN"), result.stdout());
    assertTrue(
        result.stderr().contains("3 keys resolve, 1 optional key is absent"), result.stderr());
    assertTrue(result.stderr().contains("profile server"), result.stderr());
  }

  @Test
  void optionalKeyAbsentAsInARun() throws Exception {
    Keyrun.Result check = check(project, "--profile", "server");
    Keyrun.Result run =
        Keyrun.in(project)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("SERVER_MAIL_TOKEN", "mail-token-value")
            .unset("KEYRUN_PROFILE")
            .args("--profile", "server", "--no-mask", "--", "sh", "-c", "echo ${SENTRY_DSN-unset}")
            .run();
    results.add(run);

    assertEquals(0, check.status(), check.stdout());
    assertEquals(0, run.status(), run.stderr());
    assertEquals("unset\n", run.stdout());
  }

  @Test
  void optionalKeyOfAFailingStoreFails() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.API_KEY]\nref = \"dotenv:API_KEY\"\n\n[keys.EXTRA]\nrequired = false\n"
            + "ref = \"dotenv:"
            + directory.resolve("no-such-store.env")
            + "#EXTRA\"\n",
        "rw-r--r--");

    Keyrun.Result result = check(project);

    assertEquals(1, result.status(), result.stdout());
    assertTrue(result.stdout().contains("fail    EXTRA"), result.stdout());
  }

  @Test
  void jsonNamesEachKey() throws Exception {
    Keyrun.Result result = check(project, "--format", "json");

    assertEquals(1, result.status(), result.stderr());
    String json = result.stdout();
    assertTrue(json.startsWith("{\"ok\":false,\"keys\":[{\"key\":\"API_KEY\",\"status\":\"ok\""));
    assertTrue(json.contains("{\"key\":\"MAIL_TOKEN\",\"status\":\"fail\""), json);
    assertEquals(1, json.lines().count());
  }

  @Test
  void checksFromASubdirectory() throws Exception {
    Path nested = Files.createDirectories(project.resolve("src/app"));

    Keyrun.Result result = check(nested, "--profile", "server");

    assertEquals(0, result.status(), result.stderr());
  }

  @Test
  void envFileKeysAreRequired() throws Exception {
    Path plain = Files.createDirectories(directory.resolve("plain"));
    TestFiles.write(
        plain.resolve(".env"), "API_KEY=dotenv:API_KEY\nOTHER=dotenv:OTHER\n", "rw-r--r--");

    Keyrun.Result result = check(plain);

    assertEquals(1, result.status(), result.stderr());
    assertTrue(result.stdout().contains("ok      API_KEY"), result.stdout());
    assertTrue(result.stdout().contains("fail    OTHER"), result.stdout());
  }

  @Test
  void nothingToCheckIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(directory.resolve("empty"));

    Keyrun.Result result = check(empty);

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains(": no keyrun.toml here or in a parent"), result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void malformedManifestNamesTheLine() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"), "[keys.A]\nref = \"dotenv:A\"\nref = \"x\"\n", "rw-r--r--");

    Keyrun.Result result = check(project);

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("keyrun.toml:3"), result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void unknownProfileIsAUsageError() throws Exception {
    Keyrun.Result result = check(project, "--profile", "staging");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("--profile staging"), result.stderr());
  }

  @Test
  void requiredKeyWithoutReferenceInProfileFails() throws Exception {
    TestFiles.write(
        project.resolve("keyrun.toml"),
        "[keys.API_KEY]\nref = \"dotenv:API_KEY\"\n\n[keys.ONLY_ON_SERVER]\n\n"
            + "[profiles.server]\nONLY_ON_SERVER = \"env://SERVER_MAIL_TOKEN\"\n",
        "rw-r--r--");

    Keyrun.Result result = check(project);

    assertEquals(1, result.status(), result.stderr());
    assertTrue(
        result.stdout().contains("fail    ONLY_ON_SERVER  no reference without a profile"),
        result.stdout());
  }
}
