package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of real env files as the child receives them. */
class EnvFileRunTest {
  @TempDir Path directory;

  private Map<String, String> childEnvironment(String fileContent) throws Exception {
    return childEnvironment(fileContent.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, String> childEnvironment(byte[] fileContent) throws Exception {
    Path file = TestFiles.write(directory.resolve("app.env"), fileContent, "rw-------");
    Keyrun.Result result =
        Keyrun.in(directory).args("--env-file", file.toString()).args(ChildEnvironment.PRINT).run();
    assertEquals(0, result.status(), result.stderr());
    return ChildEnvironment.parse(result.stdoutBytes());
  }

  @Test
  void crlfValuesHaveNoCarriageReturn() throws Exception {
    Map<String, String> child = childEnvironment("A=1\r\nB=\"two\"\r\nC='three'\r\n");

    assertEquals("1", child.get("A"));
    assertEquals("two", child.get("B"));
    assertEquals("three", child.get("C"));
  }

  @Test
  void byteOrderMarkDoesNotHideFirstKey() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "FIRST=1\nSECOND=2\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, content, 0, bom.length);
    System.arraycopy(body, 0, content, bom.length, body.length);

    Map<String, String> child = childEnvironment(content);

    assertEquals("1", child.get("FIRST"));
  }

  @Test
  void passwordLikeValuesArriveUnchanged() throws Exception {
    Map<String, String> child = childEnvironment("P=ab$cd@ef\nH=$2b$10$abc\nJ={\"k\":\"v#1\"}\n");

    assertEquals("ab$cd@ef", child.get("P"));
    assertEquals("$2b$10$abc", child.get("H"));
    assertEquals("{\"k\":\"v#1\"}", child.get("J"));
  }

  @Test
  void commentedAndEmptyLinesKeepNeighbours() throws Exception {
    Map<String, String> child = childEnvironment("#OLD=\nNEW=1\nEMPTY=\nNEXT=2\n");

    assertFalse(child.containsKey("OLD"));
    assertFalse(child.containsKey("#OLD"));
    assertEquals("1", child.get("NEW"));
    assertEquals("", child.get("EMPTY"));
    assertEquals("2", child.get("NEXT"));
  }

  @Test
  void multiLinePemKeepsNewlines() throws Exception {
    String pem = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END KEY-----";

    Map<String, String> child = childEnvironment("PEM=\"" + pem + "\"\n");

    assertEquals(pem, child.get("PEM"));
  }

  @Test
  void laterEnvFileOverridesEarlier() throws Exception {
    Path base = TestFiles.writePrivate(directory.resolve("base.env"), "A=base\nB=base\n");
    Path local = TestFiles.writePrivate(directory.resolve("local.env"), "B=local\nC=${A}\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .args("--env-file", base.toString(), "--env-file", local.toString())
            .args(ChildEnvironment.PRINT)
            .run();
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());

    assertEquals("base", child.get("A"));
    assertEquals("local", child.get("B"));
    assertEquals("base", child.get("C"));
  }

  @Test
  void dotEnvInWorkingDirectoryIsDefault() throws Exception {
    TestFiles.writePrivate(directory.resolve(".env"), "FROM_DEFAULT=yes\n");

    Keyrun.Result result = Keyrun.in(directory).args(ChildEnvironment.PRINT).run();

    assertEquals("yes", ChildEnvironment.parse(result.stdoutBytes()).get("FROM_DEFAULT"));
  }

  @Test
  void composedValueGetsResolvedReference() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "DB_PASS='s3cr3t!'\n");
    String content = "DB_PASS=dotenv:DB_PASS\nDATABASE_URL=postgres://app:${DB_PASS}@db/app\n";
    Path file = TestFiles.write(directory.resolve("refs.env"), content, "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .args("--env-file", file.toString())
            .args(ChildEnvironment.PRINT)
            .run();
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());

    assertEquals("s3cr3t!", child.get("DB_PASS"));
    assertEquals("postgres://app:s3cr3t!@db/app", child.get("DATABASE_URL"));
  }

  @Test
  void nonAsciiValuesSurviveCLocale() throws Exception {
    Path file = TestFiles.writePrivate(directory.resolve("app.env"), "GREETING='héllo wörld ☃'\n");

    Keyrun.Result result =
        Keyrun.in(directory)
            .unset("LANG")
            .unset("LC_ALL")
            .env("INHERITED", "naïve")
            .args("--no-exec", "--env-file", file.toString())
            .args(ChildEnvironment.PRINT)
            .run();
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());

    assertEquals("héllo wörld ☃", child.get("GREETING"));
    assertEquals("naïve", child.get("INHERITED"));
  }

  /** Needs the installed launcher, which runs the JVM under a UTF-8 locale. */
  @Test
  void nonAsciiDirectoryWorksInCLocale() throws Exception {
    Assumptions.assumeTrue(Keyrun.usesInstalledLauncher(), "needs the installed launcher");
    Path project = java.nio.file.Files.createDirectory(directory.resolve("prøj-ü"));
    TestFiles.writePrivate(project.resolve(".env"), "FOUND=yes\n");

    Keyrun.Result result =
        Keyrun.in(project)
            .unset("LANG")
            .unset("LC_ALL")
            .env("PATH", project + ":" + System.getenv("PATH"))
            .args(ChildEnvironment.PRINT)
            .run();
    Map<String, String> child = ChildEnvironment.parse(result.stdoutBytes());

    assertEquals(0, result.status(), result.stderr());
    assertEquals("yes", child.get("FOUND"));
    assertEquals(false, child.containsKey("LC_ALL"));
    assertEquals(false, child.containsKey("KEYRUN_CALLER_LC_ALL"));
  }

  @Test
  void nonAsciiArgumentsSurviveCLocale() throws Exception {
    Keyrun.Result result =
        Keyrun.in(directory).unset("LANG").unset("LC_ALL").args("--", "printf", "%s", "ü☃").run();

    assertEquals("ü☃", result.stdout());
    assertEquals(0, result.status());
  }
}
