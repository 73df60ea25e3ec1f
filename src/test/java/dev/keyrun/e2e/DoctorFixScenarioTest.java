package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path from a leaky project to a fixed one: doctor finds a readable, unignored .env that was
 * once committed, the user follows its fixes and {@code keyrun import}, and doctor then passes
 * every project check but the history, which only rotation fixes.
 */
class DoctorFixScenarioTest {
  /** An OpenAI-style key: sk- and 48 token characters. */
  private static final String KEY_VALUE =
      "sk-" + "T4mW8qZ2vN6xB1cR5kL9pH3jF7dS0gYe".repeat(2).substring(0, 48);

  /** The checks about the project, as opposed to those about the machine. */
  private static final List<String> PROJECT_CHECKS =
      List.of(
          "env-permissions",
          "env-gitignore",
          "env-tracked",
          "env-history",
          "tracked-keys",
          "rotation-age",
          "key-copies");

  @TempDir Path directory;
  private DoctorProject fixture;

  @BeforeEach
  void createLeakyProject() throws Exception {
    fixture = new DoctorProject(directory);
    fixture.write(".env", "OPENAI_API_KEY=" + KEY_VALUE + "\n", "rw-r--r--");
    fixture.git("add", ".env");
    fixture.git("commit", "-q", "-m", "add env");
    fixture.git("rm", "-q", "--cached", ".env");
    fixture.git("commit", "-q", "-m", "untrack env");
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput(KEY_VALUE, KEY_VALUE.substring(3));
  }

  @Test
  void leakyProjectFailsWithFixes() throws Exception {
    Keyrun.Result result = fixture.doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertEquals(
        "fail  env-permissions  .env is readable by group and others (mode 644)"
            + "  fix: chmod 600 .env",
        DoctorProject.line(text, "fail", "env-permissions"),
        text);
    assertEquals(
        "warn  env-gitignore  .env is not ignored by git"
            + "  fix: add the line \"/.env\" to .gitignore",
        DoctorProject.line(text, "warn", "env-gitignore"),
        text);
    String history = DoctorProject.line(text, "warn", "env-history");
    assertTrue(
        history.startsWith(
            "warn  env-history  .env is in the git history with plain values (added in 1 commit"),
        text);
    assertTrue(history.contains("fix: rotate every key it held"), history);
    assertTrue(result.stderr().contains("keyrun: doctor: "), result.stderr());
  }

  @Test
  void fixedProjectKeepsOnlyHistoryWarning() throws Exception {
    fixture.doctor();
    Files.setPosixFilePermissions(
        fixture.project.resolve(".env"), PosixFilePermissions.fromString("rw-------"));
    Files.writeString(fixture.project.resolve(".gitignore"), "/.env\n");
    Keyrun.Result imported = fixture.run("import", ".env", "--to", "dotenv", "--apply");
    assertEquals(0, imported.status(), imported.stderr());

    Keyrun.Result result = fixture.doctor();

    String text = result.stdout();
    for (String check : PROJECT_CHECKS) {
      assertEquals(
          1,
          text.lines().filter(l -> l.contains("  " + check + "  ")).count(),
          check + ":\n" + text);
    }
    for (String check : List.of("env-permissions", "env-gitignore", "env-tracked")) {
      assertFalse(DoctorProject.line(text, "ok", check).isEmpty(), check + ":\n" + text);
    }
    assertFalse(DoctorProject.line(text, "ok", "tracked-keys").isEmpty(), text);
    assertEquals(
        "ok    key-copies  the value of the reference is in one place, its store entry; a backup"
            + " of keyrun import in "
            + fixture.state.resolve("keyrun/backups")
            + " (mode 600) also holds the plaintext, not counted as a place: keyrun import FILE"
            + " --delete-backup deletes the backups of FILE",
        DoctorProject.line(text, "ok", "key-copies"),
        text);
    String history = DoctorProject.line(text, "warn", "env-history");
    assertTrue(
        history.startsWith(
            "warn  env-history  .env is in the git history with plain values (added in 1 commit"),
        text);
    assertTrue(history.contains("fix: rotate every key it held"), history);
    assertTrue(history.contains("rewriting the history (git filter-repo)"), history);
    for (String line : text.lines().filter(l -> l.contains("  master-tokens  ")).toList()) {
      assertTrue(line.startsWith("ok    master-tokens"), text);
    }
  }
}
