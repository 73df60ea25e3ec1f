package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor checks of a project's keys: {@code rotation-age} against a real inventory file, and
 * {@code key-copies} against a real dotenv store, file store and env files.
 */
class DoctorKeysTest {
  private static final String TOKEN_VALUE = "tok-9Hq2Lx7Vd4Kp1Zs8Wn3Rb6Cy";
  private static final String OTHER_VALUE = "oth-3Fj8Tq1Mz6Gv9Ku2Xa5Pe0Lw";

  @TempDir Path directory;
  private DoctorProject fixture;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new DoctorProject(directory);
    Files.createDirectories(fixture.store.getParent());
    TestFiles.write(
        fixture.store, "API_TOKEN=" + TOKEN_VALUE + "\nOTHER=" + OTHER_VALUE + "\n", "rw-------");
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput(TOKEN_VALUE, OTHER_VALUE);
  }

  @Test
  void staleKeyWarnsWithRotateCommand() throws Exception {
    manifest(
        "[keys.API_TOKEN]\nref = \"dotenv:API_TOKEN\"\n\n[keys.OTHER]\nref = \"dotenv:OTHER\"\n");
    inventory("rotated\tdotenv:API_TOKEN\t" + daysAgo(200), "rotated\tdotenv:OTHER\t" + daysAgo(3));

    Keyrun.Result result = fixture.doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertEquals(
        "warn  rotation-age  keyrun.toml:1: API_TOKEN is 200 days old since its last rotation,"
            + " over its maximum of 90 days  fix: keyrun rotate dotenv:API_TOKEN",
        DoctorProject.line(result.stdout(), "warn", "rotation-age"),
        result.stdout());
    assertEquals(1, count(result.stdout(), "rotation-age"), result.stdout());
  }

  @Test
  void firstUseIsLowerBoundOfAge() throws Exception {
    manifest("[keys.API_TOKEN]\nref = \"dotenv:API_TOKEN\"\nmax-age-days = 30\n");
    inventory(
        "use\tdotenv:API_TOKEN\tAPI_TOKEN\t"
            + fixture.project.resolve(".env")
            + "\t\t"
            + daysAgo(45)
            + "\t"
            + daysAgo(1));

    Keyrun.Result result = fixture.doctor();

    assertEquals(
        "warn  rotation-age  keyrun.toml:1: API_TOKEN is >= 45 days old since a run first used"
            + " it, over its maximum of 30 days  fix: keyrun rotate dotenv:API_TOKEN",
        DoctorProject.line(result.stdout(), "warn", "rotation-age"),
        result.stdout());
  }

  @Test
  void recentKeysAreWithinAge() throws Exception {
    manifest(
        "[keys.API_TOKEN]\nref = \"dotenv:API_TOKEN\"\n\n[keys.OTHER]\nref = \"dotenv:OTHER\"\n");
    inventory("rotated\tdotenv:API_TOKEN\t" + daysAgo(10));

    Keyrun.Result result = fixture.doctor();

    assertEquals(
        "ok    rotation-age  the key with a record is within its maximum age; 1 key has no record"
            + " yet, which the next run that uses it writes",
        DoctorProject.line(result.stdout(), "ok", "rotation-age"),
        result.stdout());
  }

  @Test
  void projectWithoutKeysIsSkipped() throws Exception {
    Keyrun.Result result = fixture.doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    for (String check : new String[] {"rotation-age", "key-copies"}) {
      assertEquals(
          "skipped  "
              + check
              + "  no keyrun.toml or .env in "
              + fixture.project
              + "; keyrun init writes a keyrun.toml",
          DoctorProject.line(result.stdout(), "skipped", check),
          result.stdout());
    }
  }

  @Test
  void manifestWritableByOthersFails() throws Exception {
    fixture.write("keyrun.toml", "[keys.API_TOKEN]\nref = \"dotenv:API_TOKEN\"\n", "rw-rw-rw-");
    Path subdirectory = Files.createDirectories(fixture.project.resolve("src"));

    Keyrun.Result named = fixture.doctor("--dir", fixture.project.toString());
    Keyrun.Result found = fixture.doctorIn(subdirectory);

    for (Keyrun.Result result : List.of(named, found)) {
      assertEquals(1, result.status(), result.stdout() + result.stderr());
      assertTrue(
          DoctorProject.line(result.stdout(), "fail", "rotation-age")
              .contains("is writable by others"),
          result.stdout());
    }
  }

  @Test
  void malformedManifestWarns() throws Exception {
    manifest("[keys.API_TOKEN]\nref = \"dotenv:API_TOKEN\"\ndescripton = \"typo\"\n");

    Keyrun.Result result = fixture.doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    String manifest = fixture.project.resolve("keyrun.toml").toString();
    assertEquals(
        "warn  rotation-age  cannot load the project's keys: "
            + manifest
            + ":3: unknown field \"descripton\" in [keys.API_TOKEN]"
            + "  fix: expected description, ref, required, delivery or max-age-days",
        DoctorProject.line(result.stdout(), "warn", "rotation-age"),
        result.stdout());
    assertEquals(
        "skipped  key-copies  cannot load the project's keys: "
            + manifest
            + ":3: unknown field \"descripton\" in [keys.API_TOKEN]",
        DoctorProject.line(result.stdout(), "skipped", "key-copies"),
        result.stdout());
  }

  @Test
  void copiesAreListedWithPlaces() throws Exception {
    TestFiles.write(
        fixture.store,
        "API_TOKEN=" + TOKEN_VALUE + "\nOTHER=" + OTHER_VALUE + "\nOLD_TOKEN=" + TOKEN_VALUE + "\n",
        "rw-------");
    fixture.write(".env", "API_TOKEN=dotenv:API_TOKEN\n", "rw-------");
    fixture.write(".env.local", "# local\nTOKEN='" + TOKEN_VALUE + "'\n", "rw-------");
    Files.writeString(fixture.project.resolve(".gitignore"), "/.env.local\n");

    Keyrun.Result result = fixture.doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    assertEquals(
        "warn  key-copies  .env:1: API_TOKEN: the value of dotenv:API_TOKEN is in 3 places: its"
            + " store entry, .env.local:2, the dotenv store entry OLD_TOKEN ("
            + fixture.store
            + ":3)  fix: write dotenv:API_TOKEN in place of each copy (edit the file, or point"
            + " the users of the other entry at it) so that keyrun rotate dotenv:API_TOKEN"
            + " reaches every user",
        DoctorProject.line(result.stdout(), "warn", "key-copies"),
        result.stdout());
  }

  @Test
  void sameValueInFileStoreIsSecondPlace() throws Exception {
    Path secret = TestFiles.write(directory.resolve("token"), TOKEN_VALUE, "rw-------");
    fixture.write(
        ".env", "API_TOKEN=dotenv:API_TOKEN\nFILE_TOKEN=file://" + secret + "\n", "rw-------");

    Keyrun.Result result = fixture.doctor();

    String text = result.stdout();
    assertTrue(
        text.contains(
            "warn  key-copies  .env:1: API_TOKEN: the value of dotenv:API_TOKEN is in 2 places:"
                + " its store entry, the store entry file://"
                + secret
                + "  fix:"),
        text);
    assertTrue(
        text.contains(
            "warn  key-copies  .env:2: FILE_TOKEN: the value of file://"
                + secret
                + " is in 2 places: its store entry, the dotenv store entry API_TOKEN ("
                + fixture.store
                + ":1)  fix:"),
        text);
  }

  @Test
  void sameKeyElsewhereWithSameValueIsCopy() throws Exception {
    Path same = TestFiles.write(directory.resolve("same"), TOKEN_VALUE, "rw-------");
    Path different = TestFiles.write(directory.resolve("different"), OTHER_VALUE, "rw-------");
    fixture.write(".env", "API_TOKEN=dotenv:API_TOKEN\n", "rw-------");
    String day = daysAgo(2);
    inventory(
        "use\tfile://" + same + "\tAPI_TOKEN\t/srv/shop/.env\t\t" + day + "\t" + day,
        "use\tfile://" + different + "\tAPI_TOKEN\t/srv/blog/.env\t\t" + day + "\t" + day);

    Keyrun.Result result = fixture.doctor();

    assertEquals(
        "warn  key-copies  .env:1: API_TOKEN: the value of dotenv:API_TOKEN is in 2 places: its"
            + " store entry, the store entry file://"
            + same
            + " (API_TOKEN in /srv/shop/.env)",
        DoctorProject.line(result.stdout(), "warn", "key-copies").replaceAll("  fix: .*", ""),
        result.stdout());
    assertEquals(1, count(result.stdout(), "key-copies"), result.stdout());
  }

  @Test
  void keyUsedTwiceIsOnePlace() throws Exception {
    fixture.write(
        ".env",
        "API_TOKEN=dotenv:API_TOKEN\nSAME_TOKEN=dotenv:API_TOKEN\nOTHER=dotenv:OTHER\n",
        "rw-------");

    Keyrun.Result result = fixture.doctor();

    assertEquals(
        "ok    key-copies  the value of each of the 2 references is in one place, its store entry",
        DoctorProject.line(result.stdout(), "ok", "key-copies"),
        result.stdout());
    assertEquals(1, count(result.stdout(), "key-copies"), result.stdout());
  }

  @Test
  void unresolvedAndShortValuesAreSkipped() throws Exception {
    TestFiles.write(fixture.store, "API_TOKEN=" + TOKEN_VALUE + "\nPIN=4711\n", "rw-------");
    fixture.write(
        ".env", "API_TOKEN=dotenv:API_TOKEN\nPIN=dotenv:PIN\nGONE=dotenv:GONE\n", "rw-------");

    Keyrun.Result result = fixture.doctor();

    String text = result.stdout();
    assertTrue(
        text.contains(
            "skipped  key-copies  .env:2: PIN: dotenv:PIN: its value is too short to tell a copy"
                + " from a coincidence\n"),
        text);
    assertTrue(
        text.contains(
            "skipped  key-copies  .env:3: GONE: dotenv:GONE: not found in the dotenv store "
                + fixture.store
                + "\n"),
        text);
    assertTrue(text.contains("ok    key-copies  the value of the reference is in one place"), text);
  }

  private void manifest(String content) throws Exception {
    fixture.write("keyrun.toml", content, "rw-r--r--");
  }

  private void inventory(String... lines) throws Exception {
    Path file = fixture.state.resolve("keyrun/inventory");
    Files.createDirectories(file.getParent());
    TestFiles.write(file, "# keyrun inventory\n" + String.join("\n", lines) + "\n", "rw-------");
  }

  private static String daysAgo(int days) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
  }

  private static long count(String output, String check) {
    return output.lines().filter(l -> l.contains("  " + check + "  ")).count();
  }
}
