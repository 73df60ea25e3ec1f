package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files holding plaintext values must be private to the user; files of references need not be. */
class PermissionTest {
  @TempDir Path directory;

  private Keyrun.Result run(Path envFile) throws Exception {
    return Keyrun.in(directory)
        .args("--no-mask", "--env-file", envFile.toString(), "--", "printenv", "API_KEY")
        .run();
  }

  @Test
  void plainValuesAtMode644AreRefused() throws Exception {
    Path file = TestFiles.write(directory.resolve("app.env"), "API_KEY=sk-plain\n", "rw-r--r--");

    Keyrun.Result result = run(file);

    assertEquals(125, result.status());
    assertEquals(
        "keyrun: "
            + file
            + ": contains plain values (API_KEY) and is accessible to group or others (mode 0644)\n"
            + "keyrun: hint: chmod 600 "
            + file
            + ", or move the values into a store\n",
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void plainValuesAtMode600Work() throws Exception {
    Path file = TestFiles.write(directory.resolve("app.env"), "API_KEY=sk-plain\n", "rw-------");

    Keyrun.Result result = run(file);

    assertEquals(0, result.status(), result.stderr());
    assertEquals("sk-plain\n", result.stdout());
  }

  @Test
  void referencesOnlyAtMode644Work() throws Exception {
    Path secret = TestFiles.write(directory.resolve("secret"), "sk-from-file", "rw-------");
    Path file =
        TestFiles.write(
            directory.resolve("app.env"), "API_KEY=file://" + secret + "\nEMPTY=\n", "rw-r--r--");

    Keyrun.Result result = run(file);

    assertEquals(0, result.status(), result.stderr());
    assertEquals("sk-from-file\n", result.stdout());
  }

  @Test
  void symlinkedPlainEnvFileIsRefused() throws Exception {
    Path target = TestFiles.write(directory.resolve("real.env"), "API_KEY=sk-plain\n", "rw-------");
    Path link = Files.createSymbolicLink(directory.resolve("link.env"), target);

    Keyrun.Result result = run(link);

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("is a symbolic link"), result.stderr());
  }

  @Test
  void sharedDotenvStoreIsRefused() throws Exception {
    Path store = TestFiles.write(directory.resolve("store.env"), "API_KEY=sk-store\n", "rw-r-----");
    Path file =
        TestFiles.write(directory.resolve("app.env"), "API_KEY=dotenv:API_KEY\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .args("--no-mask", "--env-file", file.toString(), "--", "printenv", "API_KEY")
            .run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("(mode 0640)"), result.stderr());
    assertTrue(result.stderr().contains("chmod 600 " + store), result.stderr());
    assertFalse(result.stderr().contains("sk-store"), result.stderr());
  }

  @Test
  void expansionsOnlyAtMode644Work() throws Exception {
    Path file =
        TestFiles.write(directory.resolve("app.env"), "API_KEY=${INHERITED_KEY}\n", "rw-r--r--");

    Keyrun.Result result =
        Keyrun.in(directory)
            .env("INHERITED_KEY", "from-env")
            .args("--no-mask", "--env-file", file.toString(), "--", "printenv", "API_KEY")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("from-env\n", result.stdout());
  }

  @Test
  void plaintextReplacedByReferenceStillCounts() throws Exception {
    Path store = TestFiles.writePrivate(directory.resolve("store.env"), "API_KEY=sk-store\n");
    Path file =
        TestFiles.write(
            directory.resolve("app.env"),
            "API_KEY=sk-plain-left-in-file\nAPI_KEY=dotenv:" + store + "#API_KEY\n",
            "rw-r--r--");

    Keyrun.Result result = run(file);

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains("contains plain values (API_KEY)"), result.stderr());
  }
}
