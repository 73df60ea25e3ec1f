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

/** {@code keyrun doctor --root DIR} over systemd unit files written under a test root. */
class DoctorUnitsTest {
  private static final String PASSWORD_VALUE = "correct-horse-battery-7731";

  /** An OpenAI-style key: sk-proj- and 40 token characters. */
  private static final String OPENAI_VALUE = "sk-proj-" + "Zq8Rk2Lm5Np7Ts1Vw4Xy6Bc9Df3Gh0Jk";

  private static final String FILE_VALUE = "env-file-secret-4402";
  private static final String URL_PASSWORD = "u7Rr0wPq";

  @TempDir Path directory;
  private Path root;
  private Path home;
  private Path project;
  private Path units;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createRoot() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    home = Files.createDirectories(directory.resolve("home"));
    project = Files.createDirectories(directory.resolve("app"));
    units = Files.createDirectories(root.resolve("etc/systemd/system"));
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(PASSWORD_VALUE, OPENAI_VALUE, FILE_VALUE, URL_PASSWORD)) {
        assertFalse(
            result.stdout().contains(value), "stdout contains a value:\n" + result.stdout());
        assertFalse(
            result.stderr().contains(value), "stderr contains a value:\n" + result.stderr());
      }
    }
  }

  @Test
  void environmentSecretFailsRedacted() throws Exception {
    write(
        units.resolve("app.service"),
        "[Unit]\nDescription=App\n\n[Service]\nEnvironment=API_KEY=" + PASSWORD_VALUE + "\n");

    Keyrun.Result text = doctor("--format", "text");
    Keyrun.Result json = doctor("--format", "json");

    assertEquals(1, text.status(), text.stderr());
    String unit = units.resolve("app.service").toString();
    assertTrue(
        text.stdout()
            .contains(
                "fail  systemd-units  "
                    + unit
                    + ":5: Environment= sets API_KEY to ...(26 chars) under a name that looks"
                    + " secret"),
        text.stdout());
    assertTrue(
        text.stdout().contains("secret; systemctl show prints the value to every user  fix:"),
        text.stdout());
    assertTrue(
        text.stdout().contains("fix: store it with keyrun systemd encrypt API_KEY"), text.stdout());
    assertTrue(text.stdout().contains("LoadCredentialEncrypted=API_KEY"), text.stdout());
    assertTrue(text.stdout().contains("$CREDENTIALS_DIRECTORY/API_KEY"), text.stdout());
    assertTrue(json.stdout().contains("\"file\": \"" + unit + "\", \"line\": 5}"), json.stdout());
  }

  @Test
  void readableSystemUnitNamesMode() throws Exception {
    Path unit = units.resolve("app.service");
    write(unit, "[Service]\nEnvironment=API_KEY=" + PASSWORD_VALUE + "\n");
    Files.setPosixFilePermissions(unit, PosixFilePermissions.fromString("rw-r--r--"));

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "secret; the unit file is readable by group and others (mode 644), and"
                    + " systemctl show prints the value to every user"),
        result.stdout());
  }

  @Test
  void userUnitFixAvoidsSystemStore() throws Exception {
    Path userUnits = Files.createDirectories(home.resolve(".config/systemd/user"));
    write(
        userUnits.resolve("app.service"),
        "[Service]\nEnvironment=API_KEY=" + PASSWORD_VALUE + "\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "fail  systemd-units  ~/.config/systemd/user/app.service:2: Environment= sets API_KEY"),
        text);
    assertTrue(
        text.contains(
            "secret; every program running as this user can read the unit file, and systemctl"
                + " --user show prints the value"),
        text);
    assertFalse(text.contains("every user can read"), text);
    assertTrue(text.contains("fix: store it with keyrun set dotenv:API_KEY"), text);
    assertTrue(text.contains("Environment=API_KEY=dotenv:API_KEY"), text);
    assertTrue(text.contains("ExecStart=keyrun -- COMMAND"), text);
    assertTrue(text.contains("systemd 256 or later, systemd-creds --user encrypt"), text);
    assertFalse(text.contains("keyrun systemd encrypt"), text);
    assertFalse(text.contains("credstore"), text);
  }

  @Test
  void systemWideUserUnitGetsUserFix() throws Exception {
    Path userUnits = Files.createDirectories(root.resolve("etc/systemd/user"));
    write(
        userUnits.resolve("agent.service"),
        "[Service]\nEnvironment=API_KEY=" + PASSWORD_VALUE + "\n");

    Keyrun.Result result = doctor();

    String text = result.stdout();
    assertTrue(text.contains("/etc/systemd/user/agent.service:2: Environment= sets API_KEY"), text);
    assertTrue(text.contains("systemctl --user show prints the value"), text);
    assertFalse(text.contains("prints the value to every user"), text);
    assertTrue(text.contains("fix: store it with keyrun set dotenv:API_KEY"), text);
    assertFalse(text.contains("keyrun systemd encrypt"), text);
  }

  @Test
  void dropInWithContinuedLineFails() throws Exception {
    write(units.resolve("app.service"), "[Service]\nExecStart=/usr/bin/app\n");
    Path dropIns = Files.createDirectories(units.resolve("app.service.d"));
    write(
        dropIns.resolve("keys.conf"),
        "# keys for the app\n[Service]\nEnvironment=\"LOG=debug info\" \\\n"
            + "  ; a comment between continued lines\n"
            + "  OPENAI=\""
            + OPENAI_VALUE
            + "\" DATABASE_URL=postgres://app:"
            + URL_PASSWORD
            + "@db/app\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stderr());
    String dropIn = dropIns.resolve("keys.conf") + ":3: ";
    assertTrue(
        result.stdout().contains(dropIn + "Environment= sets OPENAI to sk-proj-...(40 chars)"),
        result.stdout());
    assertTrue(
        result.stdout().contains(dropIn + "Environment= sets DATABASE_URL to postgres://...("),
        result.stdout());
    assertFalse(result.stdout().contains("LOG"), result.stdout());
  }

  @Test
  void environmentFileIsReported() throws Exception {
    Path values = Files.createDirectories(root.resolve("etc/app")).resolve("app.env");
    write(values, "DB_PASSWORD=" + FILE_VALUE + "\n");
    write(
        units.resolve("app.service"),
        "[Service]\nEnvironmentFile=-/etc/app/app.env\nEnvironmentFile=-/etc/app/absent.env\n");

    Keyrun.Result private600 = doctor();
    Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-r--r--"));
    Keyrun.Result readable = doctor();

    String line =
        units.resolve("app.service")
            + ":2: EnvironmentFile=/etc/app/app.env: "
            + values
            + " contains";
    assertEquals(0, private600.status(), private600.stdout() + private600.stderr());
    assertTrue(private600.stdout().contains("warn  systemd-units  " + line), private600.stdout());
    assertTrue(
        private600
            .stdout()
            .contains(
                "fix: move the values into credentials: keyrun import "
                    + values
                    + " --to systemd-creds --apply"),
        private600.stdout());
    assertFalse(private600.stdout().contains("absent.env"), private600.stdout());
    assertEquals(1, readable.status(), readable.stderr());
    assertTrue(readable.stdout().contains("fail  systemd-units  " + line), readable.stdout());
    assertTrue(
        readable.stdout().contains("the file is readable by group and others (mode 644)"),
        readable.stdout());
  }

  @Test
  void linkedEnvironmentFileIsFollowedUnderRoot() throws Exception {
    Path values = Files.createDirectories(root.resolve("srv/app")).resolve("app.env");
    write(values, "DB_PASSWORD=" + FILE_VALUE + "\n");
    Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createDirectories(root.resolve("etc/app")).resolve("app.env");
    Files.createSymbolicLink(link, Path.of("/srv/app/app.env"));
    write(units.resolve("app.service"), "[Service]\nEnvironmentFile=/etc/app/*.env\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "fail  systemd-units  "
                    + units.resolve("app.service")
                    + ":2: EnvironmentFile=/etc/app/*.env: "
                    + link
                    + " contains plaintext values"),
        result.stdout());
  }

  @Test
  void wildcardReportsEachFile() throws Exception {
    Path directory = Files.createDirectories(root.resolve("etc/app"));
    write(directory.resolve("a.env"), "DB_PASSWORD=" + FILE_VALUE + "\n");
    write(directory.resolve("b.env"), "API_TOKEN=" + PASSWORD_VALUE + "\n");
    write(directory.resolve("c.env"), "API_KEY=systemd-creds://api_key\n");
    Files.setPosixFilePermissions(
        directory.resolve("b.env"), PosixFilePermissions.fromString("rw-r--r--"));
    write(units.resolve("app.service"), "[Service]\nEnvironmentFile=-/etc/app/*.env\n");

    Keyrun.Result result = doctor();

    String text = result.stdout();
    String prefix = units.resolve("app.service") + ":2: EnvironmentFile=/etc/app/*.env: ";
    assertTrue(text.contains("warn  systemd-units  " + prefix + directory.resolve("a.env")), text);
    assertTrue(text.contains("fail  systemd-units  " + prefix + directory.resolve("b.env")), text);
    assertFalse(text.contains("c.env"), text);
    assertTrue(
        text.contains("keyrun import " + directory.resolve("a.env") + " --to systemd-creds"), text);
    assertTrue(
        text.contains(
            "fix: chmod 600 "
                + directory.resolve("b.env")
                + ", then move the values into credentials: keyrun import "
                + directory.resolve("b.env")),
        text);
    assertFalse(text.contains("keyrun import /etc/app/*.env"), text);
  }

  @Test
  void cleanUnitIsOk() throws Exception {
    write(
        units.resolve("app.service"),
        "[Service]\n"
            + "Environment=KEYRUN_PROFILE=server SSH_AUTH_SOCK=/run/user/1000/ssh TOKEN_FILE=%d/token\n"
            + "Environment=API_KEY=systemd-creds://api_key AUTH_ENABLED=true\n"
            + "LoadCredentialEncrypted=api_key\n"
            + "ExecStart=/usr/local/bin/keyrun -- /usr/bin/app\n");
    Path vendor = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
    write(vendor.resolve("ssh.service"), "[Service]\nExecStart=/usr/sbin/sshd -D\n");
    Files.createSymbolicLink(units.resolve("masked.service"), Path.of("/dev/null"));
    Files.createSymbolicLink(
        units.resolve("ssh-link.service"), Path.of("/usr/lib/systemd/system/ssh.service"));

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "ok    systemd-units  no unit puts a secret into its environment (2 unit files"
                    + " read)"),
        result.stdout());
  }

  @Test
  void secretOutsideServiceSectionIsIgnored() throws Exception {
    write(
        units.resolve("app.service"),
        "[Unit]\nEnvironment=API_KEY="
            + PASSWORD_VALUE
            + "\n[Service]\n# Environment=API_KEY="
            + PASSWORD_VALUE
            + "\nExecStart=/usr/bin/app\n");

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("ok    systemd-units"), result.stdout());
  }

  @Test
  void userUnitInHomeIsRead() throws Exception {
    Path user = Files.createDirectories(home.resolve(".config/systemd/user"));
    write(user.resolve("agent.service"), "[Service]\nExecStart=/usr/bin/agent\n");
    Path dropIns = Files.createDirectories(user.resolve("agent.service.d"));
    write(dropIns.resolve("keys.conf"), "[Service]\nEnvironment=OPENAI=" + OPENAI_VALUE + "\n");

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "fail  systemd-units  ~/.config/systemd/user/agent.service.d/keys.conf:2:"
                    + " Environment="),
        result.stdout());
  }

  @Test
  void keyrunWithAsEnvWarns() throws Exception {
    write(
        units.resolve("app.service"),
        "[Service]\nLoadCredentialEncrypted=api_key\n"
            + "ExecStart=-/usr/local/bin/keyrun --as-env API_KEY -- /usr/bin/app --as-env\n");

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "warn  systemd-units  "
                    + units.resolve("app.service")
                    + ":3: ExecStart= runs keyrun with --as-env"),
        result.stdout());
  }

  @Test
  void rootWithoutUnitsIsSkipped() throws Exception {
    Files.delete(units);

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result.stdout().contains("skipped  systemd-units  no systemd unit files under " + root),
        result.stdout());
  }

  @Test
  void missingRootIsUsageError() throws Exception {
    Path file = Files.writeString(directory.resolve("file"), "");
    for (Path bad : List.of(directory.resolve("absent"), file)) {
      Keyrun.Result result = run("doctor", "--dir", project.toString(), "--root", bad.toString());

      assertEquals(2, result.status(), result.stderr());
      assertEquals("", result.stdout());
      assertEquals(
          "keyrun: " + bad + ": not a directory\nkeyrun: hint: give --root an existing directory\n",
          result.stderr());
    }
  }

  private Keyrun.Result doctor(String... arguments) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("doctor", "--dir", project.toString(), "--root", root.toString()));
    all.addAll(List.of(arguments));
    return run(all.toArray(String[]::new));
  }

  private Keyrun.Result run(String... arguments) throws Exception {
    Keyrun.Result result =
        Keyrun.in(project)
            .env("HOME", home.toString())
            .unset("DBUS_SESSION_BUS_ADDRESS")
            .env("KEYRUN_OP_BIN", directory.resolve("no-op").toString())
            .args(arguments)
            .run();
    results.add(result);
    return result;
  }

  private static void write(Path file, String content) throws Exception {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
