package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyrun inject}: templates filled from {@code dotenv:}, {@code file://} and op. */
class InjectTest {
  private static final Path FAKE_OP = Path.of("src/test/fakes/op").toAbsolutePath();

  @TempDir Path directory;

  private Path store;
  private Path secretFile;

  @BeforeEach
  void seed() throws Exception {
    store = TestFiles.writePrivate(directory.resolve("store.env"), "API_KEY=\"it's \\${x} é\"\n");
    secretFile = directory.resolve("cert.pem");
    Files.write(secretFile, new byte[] {'-', (byte) 0xff, 0, '\n'});
  }

  private Keyrun keyrun() {
    return Keyrun.in(directory).env("KEYRUN_DOTENV_STORE", store.toString());
  }

  private Path template(String name, byte[] content) throws Exception {
    return TestFiles.write(directory.resolve(name), content, "rw-r--r--");
  }

  private Path template(String content) throws Exception {
    return template("app.tpl", content.getBytes(UTF_8));
  }

  /** Returns the names in the directory, so that a left-over temporary file shows. */
  private List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void stdoutGetsExactBytes() throws Exception {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {(byte) 0xfe, '\r', '\n'});
    content.writeBytes(
        ("key: {{dotenv:API_KEY}}\ncert: {{ file://" + secretFile + " }}|").getBytes(UTF_8));
    Path template = template("bytes.tpl", content.toByteArray());

    Keyrun.Result result = keyrun().args("inject", "-i", template.toString()).run();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {(byte) 0xfe, '\r', '\n'});
    expected.writeBytes("key: it's ${x} é\ncert: ".getBytes(UTF_8));
    expected.writeBytes(new byte[] {'-', (byte) 0xff, 0, '\n', '|'});
    assertEquals(0, result.status(), result.stderr());
    assertArrayEquals(expected.toByteArray(), result.stdoutBytes());
    assertEquals("", result.stderr());
  }

  @Test
  void stdinIsDefaultTemplate() throws Exception {
    Keyrun.Result implicit = keyrun().input("a={{ dotenv:API_KEY }}").args("inject").run();
    Keyrun.Result dash = keyrun().input("a={{ dotenv:API_KEY }}").args("inject", "-i", "-").run();

    assertEquals(0, implicit.status(), implicit.stderr());
    assertEquals("a=it's ${x} é", implicit.stdout());
    assertEquals("a=it's ${x} é", dash.stdout());
  }

  @Test
  void outputFileIsPrivateWithExactBytes() throws Exception {
    Path template = template("key={{ dotenv:API_KEY }}\n");
    Path output = directory.resolve("out").resolve("app.conf");
    Files.createDirectory(output.getParent());

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", output.toString()).run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(0, result.stdoutBytes().length);
    assertEquals("key=it's ${x} é\n", Files.readString(output));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
    assertEquals(List.of("app.conf"), names(output.getParent()));
  }

  @Test
  void existingOutputBecomesPrivate() throws Exception {
    Path template = template("key={{ dotenv:API_KEY }}");
    Path output = TestFiles.write(directory.resolve("app.conf"), "old", "rw-r--r--");

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", output.toString()).run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("key=it's ${x} é", Files.readString(output));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
  }

  @Test
  void failedReferencesWriteNothing() throws Exception {
    Path template =
        template("a={{ dotenv:API_KEY }}\nb={{ dotenv:MISSING }}\nc={{ file:///nonexistent/x }}\n");
    Path out = directory.resolve("out");
    Files.createDirectory(out);
    Path output = out.resolve("app.conf");

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", output.toString()).run();

    assertEquals(125, result.status());
    assertEquals(0, result.stdoutBytes().length);
    assertTrue(
        result.stderr().contains("keyrun: " + template + ":2: dotenv:MISSING not found in the"),
        result.stderr());
    assertTrue(
        result.stderr().contains("keyrun: " + template + ":3: file:///nonexistent/x"),
        result.stderr());
    assertFalse(result.stderr().contains("it's"), result.stderr());
    assertEquals(List.of(), names(out));
  }

  @Test
  void failureKeepsExistingOutput() throws Exception {
    Path template = template("b={{ dotenv:MISSING }}\n");
    Path output = TestFiles.write(directory.resolve("app.conf"), "old", "rw-r--r--");

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", output.toString()).run();

    assertEquals(125, result.status());
    assertEquals("old", Files.readString(output));
  }

  @Test
  void failureToStdoutPrintsNothing() throws Exception {
    Keyrun.Result result =
        keyrun().input("a={{ dotenv:API_KEY }}\nb={{ dotenv:MISSING }}").args("inject").run();

    assertEquals(125, result.status());
    assertEquals(0, result.stdoutBytes().length);
    assertTrue(result.stderr().startsWith("keyrun: stdin:2: dotenv:MISSING"), result.stderr());
  }

  @Test
  void directoryTargetRejected() throws Exception {
    Path template = template("key={{ dotenv:API_KEY }}");
    Path target = directory.resolve("target");
    Files.createDirectory(target);

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", target.toString()).run();

    assertEquals(125, result.status());
    assertTrue(
        result.stderr().startsWith("keyrun: " + target + ": is a directory\n"), result.stderr());
    assertEquals(List.of(), names(target));
    assertEquals(List.of("app.tpl", "cert.pem", "store.env", "target"), names(directory));
  }

  @Test
  void missingDirectoryRejected() throws Exception {
    Path template = template("key={{ dotenv:API_KEY }}");
    Path target = directory.resolve("absent").resolve("app.conf");

    Keyrun.Result result =
        keyrun().args("inject", "-i", template.toString(), "-o", target.toString()).run();

    assertEquals(125, result.status());
    assertTrue(result.stderr().contains(": the directory does not exist"), result.stderr());
    assertFalse(Files.exists(target.getParent()));
  }

  @Test
  void bareNameNamesFileAndLine() throws Exception {
    Path template = template("a: 1\nb: {{ API_KEY }}\n");

    Keyrun.Result result = keyrun().args("inject", "-i", template.toString()).run();

    assertEquals(125, result.status());
    assertTrue(
        result
            .stderr()
            .startsWith("keyrun: " + template + ":2: a bare name in '{{ }}' is not a reference\n"),
        result.stderr());
    assertEquals(0, result.stdoutBytes().length);
  }

  @Test
  void literalNamesKeepsOtherTemplates() throws Exception {
    Keyrun.Result result =
        keyrun()
            .input("{{ name }} {{ .Values.x }} {{ dotenv:API_KEY }}")
            .args("inject", "--literal-names")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals("{{ name }} {{ .Values.x }} it's ${x} é", result.stdout());
  }

  @Test
  void opTemplateUsesOneOpProcess() throws Exception {
    Path database = directory.resolve("op-db");
    Path log = directory.resolve("op.log");
    for (String item : List.of("db", "api", "smtp")) {
      Path field = database.resolve("Private").resolve(item).resolve("password");
      Files.createDirectories(field.getParent());
      Files.writeString(field, item + " sécret");
    }
    String template =
        "db: {{op://Private/db/password}}\n"
            + "api: {{ op://Private/api/password }}\n"
            + "smtp: op://Private/smtp/password\n"
            + "local: {{ dotenv:API_KEY }}\n";

    Keyrun.Result result =
        keyrun()
            .env("KEYRUN_OP_BIN", FAKE_OP.toString())
            .env("FAKE_OP_DB", database.toString())
            .env("FAKE_OP_LOG", log.toString())
            .env("OP_SERVICE_ACCOUNT_TOKEN", "ops_test-token")
            .unset("KEYRUN_OP_TOKEN_REF")
            .unset("FAKE_OP_SIGNED_OUT")
            .unset("FAKE_OP_NO_ACCOUNTS")
            .input(template)
            .args("inject")
            .run();

    assertEquals(0, result.status(), result.stderr());
    assertEquals(
        "db: db sécret\napi: api sécret\nsmtp: smtp sécret\nlocal: it's ${x} é\n", result.stdout());
    List<String> calls = Files.readAllLines(log);
    assertEquals(1, calls.size(), String.join("\n", calls));
    assertTrue(calls.get(0).contains("\"inject\""), calls.get(0));
  }
}
