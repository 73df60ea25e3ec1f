package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --clean-env, --only, --no-override and references in keyrun's own environment. */
class EnvironmentOptionsTest {
  @TempDir Path directory;

  private Path envFile(String content) throws Exception {
    return TestFiles.writePrivate(directory.resolve("app.env"), content);
  }

  private Map<String, String> child(Keyrun keyrun) throws Exception {
    Keyrun.Result result = keyrun.args(ChildEnvironment.PRINT).run();
    assertEquals(0, result.status(), result.stderr());
    return ChildEnvironment.parse(result.stdoutBytes());
  }

  @Test
  void cleanEnvDropsInheritedCredentials() throws Exception {
    Path file = envFile("DECLARED=1\n");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("AWS_SECRET_ACCESS_KEY", "inherited-secret")
                .env("LC_TIME", "C")
                .args("--clean-env", "--env-file", file.toString()));

    assertFalse(child.containsKey("AWS_SECRET_ACCESS_KEY"));
    assertEquals("1", child.get("DECLARED"));
    assertEquals(System.getenv("PATH"), child.get("PATH"));
    assertEquals("C", child.get("LC_TIME"));
  }

  @Test
  void cleanEnvKeepsInheritedReference() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "API_TOKEN=tok-clean\n");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("API_TOKEN", "dotenv:" + store + "#API_TOKEN")
                .args("--clean-env", "--only", "API_TOKEN"));

    assertEquals("tok-clean", child.get("API_TOKEN"));
  }

  @Test
  void onlyDropsOtherInheritedReferences() throws Exception {
    Path file = envFile("WANTED=1\n");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("OTHER_TOKEN", "dotenv:OTHER_TOKEN")
                .env("PLAIN_SETTING", "kept")
                .args("--only", "WANTED", "--env-file", file.toString()));

    assertFalse(child.containsKey("OTHER_TOKEN"));
    assertEquals("kept", child.get("PLAIN_SETTING"));
  }

  @Test
  void onlyNarrowsDeclaredKeys() throws Exception {
    Path file = envFile("WANTED=1\nUNWANTED=2\n");

    Map<String, String> child =
        child(Keyrun.in(directory).args("--only", "WANTED", "--env-file", file.toString()));

    assertEquals("1", child.get("WANTED"));
    assertFalse(child.containsKey("UNWANTED"));
  }

  @Test
  void onlySkipsOtherStores() throws Exception {
    Path file = envFile("WANTED=1\nBROKEN=dotenv:ABSENT\n");
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "OTHER=x\n");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("KEYRUN_DOTENV_STORE", store.toString())
                .args("--only", "WANTED", "--env-file", file.toString()));

    assertEquals("1", child.get("WANTED"));
  }

  @Test
  void onlyWithUndeclaredNameFails() throws Exception {
    Path file = envFile("WANTED=1\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--only", "TYPO", "--env-file", file.toString(), "--", "true")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().startsWith("keyrun: --only TYPO: "), result.stderr());
  }

  @Test
  void declaredKeyOverridesInheritedWithNotice() throws Exception {
    Path file = envFile("REGION=from-file\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("REGION", "inherited")
            .args("--no-mask", "--env-file", file.toString(), "--", "printenv", "REGION")
            .run();

    assertEquals("from-file\n", result.stdout());
    assertEquals(
        "keyrun: notice: env files override inherited REGION (--no-override keeps inherited values)\n",
        result.stderr());
  }

  @Test
  void noOverrideKeepsInheritedValue() throws Exception {
    Path file = envFile("REGION=from-file\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("REGION", "inherited")
            .args("--no-override", "--env-file", file.toString(), "--", "printenv", "REGION")
            .run();

    assertEquals("inherited\n", result.stdout());
    assertEquals("", result.stderr());
  }

  @Test
  void noOverrideResolvesInheritedReference() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "T=inherited-secret\n");
    Path file = envFile("TOKEN=from-file\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("TOKEN", "dotenv:" + store + "#T")
            .args("--no-mask", "--no-override", "--env-file", file.toString())
            .args("--", "printenv", "TOKEN")
            .run();

    assertEquals("inherited-secret\n", result.stdout());
  }

  @Test
  void sameInheritedValueNeedsNoNotice() throws Exception {
    Path file = envFile("REGION=same\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("REGION", "same")
            .args("--env-file", file.toString(), "--", "true")
            .run();

    assertEquals("", result.stderr());
  }

  @Test
  void inheritedReferenceIsResolved() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "API_TOKEN=tok-123\n");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("KEYRUN_DOTENV_STORE", store.toString())
                .env("API_TOKEN", "dotenv:API_TOKEN"));

    assertEquals("tok-123", child.get("API_TOKEN"));
  }

  @Test
  void inheritedFileAndEnvUrlsPassUnchanged() throws Exception {
    Path secret = TestFiles.writePrivate(directory.resolve("token"), "tok-123");

    Map<String, String> child =
        child(
            Keyrun.in(directory)
                .env("PIP_FIND_LINKS", "file://" + secret)
                .env("RENAMED", "env://HOME"));

    assertEquals("file://" + secret, child.get("PIP_FIND_LINKS"));
    assertEquals("env://HOME", child.get("RENAMED"));
  }

  @Test
  void onlyListsEveryUnknownName() throws Exception {
    Path file = envFile("WANTED=1\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("INHERITED_PLAIN", "x")
            .args("--only", "TYPO,INHERITED_PLAIN", "--env-file", file.toString(), "--", "true")
            .run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: --only TYPO,INHERITED_PLAIN: "), result.stderr());
  }
}
