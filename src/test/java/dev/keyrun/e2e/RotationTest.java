package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyrun.inventory.SystemdUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inventory that runs record, {@code keyrun where} and {@code keyrun rotate}, with two projects
 * whose env files reference one dotenv entry.
 */
class RotationTest {
  private static final String OLD_VALUE = "old-secret-3f9c1a";
  private static final String NEW_VALUE = "new-secret-8d2e7b";
  private static final String CHECK =
      "if [ \"$%s\" = '" + NEW_VALUE + "' ]; then echo new; else echo other; fi";

  @TempDir Path directory;
  private Path home;
  private Path state;
  private Path store;
  private Path alpha;
  private Path beta;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createProjects() throws Exception {
    home = Files.createDirectory(directory.resolve("home"));
    state = directory.resolve("state");
    store = TestFiles.writePrivate(directory.resolve("store.env"), "API_KEY=" + OLD_VALUE + "\n");
    alpha = Files.createDirectory(directory.resolve("alpha"));
    beta = Files.createDirectory(directory.resolve("beta"));
    TestFiles.write(alpha.resolve(".env"), "API_KEY=dotenv:API_KEY\n", "rw-r--r--");
    TestFiles.write(beta.resolve(".env"), "PAYMENT_KEY=dotenv:API_KEY\n", "rw-r--r--");
  }

  /** Proves that no value reached keyrun's output in any run of the test. */
  @AfterEach
  void noValueInOutput() throws Exception {
    for (Keyrun.Result result : results) {
      for (String value : List.of(OLD_VALUE, NEW_VALUE)) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
    if (Files.isRegularFile(inventory())) {
      String recorded = Files.readString(inventory());
      assertFalse(recorded.contains(OLD_VALUE), recorded);
      assertFalse(recorded.contains(NEW_VALUE), recorded);
    }
  }

  private Path inventory() {
    return state.resolve("keyrun/inventory");
  }

  private Keyrun keyrun(Path project) {
    return Keyrun.in(project)
        .unset("INVOCATION_ID")
        .env("HOME", home.toString())
        .env("XDG_STATE_HOME", state.toString())
        .env("KEYRUN_DOTENV_STORE", store.toString());
  }

  private Keyrun.Result run(Keyrun keyrun) throws Exception {
    Keyrun.Result result = keyrun.run();
    results.add(result);
    return result;
  }

  /** Runs the project's command, which prints whether its key has the new value. */
  private Keyrun.Result runProject(Path project, String key) throws Exception {
    return run(keyrun(project).args("--", "sh", "-c", String.format(CHECK, key)));
  }

  private Keyrun.Result rotate(String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("rotate"));
    arguments.addAll(List.of(options));
    arguments.add("dotenv:API_KEY");
    return run(keyrun(directory).input(NEW_VALUE + "\n").args(arguments.toArray(String[]::new)));
  }

  private Keyrun.Result where(String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("where"));
    arguments.addAll(List.of(options));
    arguments.add("dotenv:API_KEY");
    return run(keyrun(directory).args(arguments.toArray(String[]::new)));
  }

  private static Set<String> today() {
    // A run near midnight may record either day.
    LocalDate now = LocalDate.now(ZoneOffset.UTC);
    return Set.of(now.toString(), now.plusDays(1).toString());
  }

  private String listing(String day) {
    return "dotenv:API_KEY\n"
        + "  last rotated: "
        + day
        + "\n"
        + "  projects:\n"
        + "    "
        + alpha.resolve(".env")
        + " (API_KEY; first seen "
        + day
        + ", last seen "
        + day
        + ")\n"
        + "    "
        + beta.resolve(".env")
        + " (PAYMENT_KEY; first seen "
        + day
        + ", last seen "
        + day
        + ")\n"
        + "  systemd units: none recorded\n";
  }

  @Test
  void rotateReachesBothProjects() throws Exception {
    assertEquals("other\n", runProject(alpha, "API_KEY").stdout());
    assertEquals("other\n", runProject(beta, "PAYMENT_KEY").stdout());

    Keyrun.Result rotated = rotate();

    assertEquals(0, rotated.status(), rotated.stderr());
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    assertTrue(today().contains(day));
    assertEquals(listing(day), rotated.stdout());
    assertEquals(
        "keyrun: stored the new value of dotenv:API_KEY in the dotenv store\n", rotated.stderr());
    assertEquals("new\n", runProject(alpha, "API_KEY").stdout());
    assertEquals("new\n", runProject(beta, "PAYMENT_KEY").stdout());
  }

  @Test
  void rotationDateIsToday() throws Exception {
    runProject(alpha, "API_KEY");

    rotate();

    List<String> rotations =
        Files.readAllLines(inventory()).stream().filter(l -> l.startsWith("rotated\t")).toList();
    assertEquals(1, rotations.size(), rotations.toString());
    String[] fields = rotations.get(0).split("\t");
    assertEquals("dotenv:API_KEY", fields[1]);
    assertTrue(today().contains(fields[2]), fields[2]);
  }

  @Test
  void whereListsProjectsAsText() throws Exception {
    runProject(alpha, "API_KEY");
    runProject(beta, "PAYMENT_KEY");

    Keyrun.Result where = where();

    assertEquals(0, where.status(), where.stderr());
    String day = Files.readAllLines(inventory()).get(1).split("\t")[5];
    String expected =
        listing(day).replace("last rotated: " + day, "last rotated: never with keyrun rotate");
    assertEquals(expected, where.stdout());
    assertEquals("", where.stderr());
  }

  @Test
  void whereListsProjectsAsJson() throws Exception {
    runProject(alpha, "API_KEY");
    runProject(beta, "PAYMENT_KEY");
    rotate();

    Keyrun.Result where = where("--format", "json");

    assertEquals(0, where.status(), where.stderr());
    assertTrue(where.stdout().endsWith("}\n"), where.stdout());
    JsonNode json = new ObjectMapper().readTree(where.stdout());
    assertEquals("dotenv:API_KEY", json.get("reference").asText());
    assertTrue(today().contains(json.get("rotated").asText()), where.stdout());
    assertEquals(2, json.get("projects").size());
    JsonNode first = json.get("projects").get(0);
    assertEquals(alpha.resolve(".env").toString(), first.get("path").asText());
    assertEquals("API_KEY", first.get("keys").get(0).asText());
    assertEquals("present", first.get("file").asText());
    assertTrue(today().contains(first.get("firstSeen").asText()), where.stdout());
    assertTrue(today().contains(first.get("lastSeen").asText()), where.stdout());
    assertEquals("PAYMENT_KEY", json.get("projects").get(1).get("keys").get(0).asText());
    assertEquals(0, json.get("units").size());
  }

  @Test
  void whereOfUnknownEntryListsNothing() throws Exception {
    Keyrun.Result where = where("--format", "json");

    assertEquals(0, where.status(), where.stderr());
    assertEquals(
        "{\"reference\":\"dotenv:API_KEY\",\"rotated\":null,\"projects\":[],\"units\":[]}\n",
        where.stdout());
  }

  @Test
  void whereMarksGoneAndChangedFiles() throws Exception {
    runProject(alpha, "API_KEY");
    runProject(beta, "PAYMENT_KEY");
    Files.delete(alpha.resolve(".env"));
    TestFiles.write(beta.resolve(".env"), "PAYMENT_KEY=dotenv:OTHER_KEY\n", "rw-r--r--");

    Keyrun.Result where = where();

    assertTrue(where.stdout().contains(alpha.resolve(".env") + " (API_KEY; "), where.stdout());
    assertTrue(where.stdout().contains("): the file is gone\n"), where.stdout());
    assertTrue(
        where.stdout().contains("): the file no longer mentions the reference\n"), where.stdout());
  }

  @Test
  void whereRejectsUnknownFormat() throws Exception {
    Keyrun.Result where = where("--format", "yaml");

    assertEquals(ManagementStatus.FAILED, where.status());
    assertEquals(
        "keyrun: --format: \"yaml\" is not a format\n" + "keyrun: hint: use text or json\n",
        where.stderr());
  }

  @Test
  void repeatedRunLeavesInventoryUntouched() throws Exception {
    runProject(alpha, "API_KEY");
    byte[] before = Files.readAllBytes(inventory());
    BasicFileAttributes first =
        Files.readAttributes(inventory(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);

    Keyrun.Result again = runProject(alpha, "API_KEY");

    assertEquals(0, again.status(), again.stderr());
    BasicFileAttributes second =
        Files.readAttributes(inventory(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    assertArrayEquals(before, Files.readAllBytes(inventory()));
    assertEquals(first.lastModifiedTime(), second.lastModifiedTime());
    // A rewrite replaces the file by a rename, which gives it a new inode.
    assertEquals(first.fileKey(), second.fileKey());
  }

  @Test
  void runOnNewDayMovesLastSeen() throws Exception {
    String project = alpha.resolve(".env").toString();
    Files.createDirectories(inventory().getParent());
    TestFiles.writePrivate(
        inventory(), "use\tdotenv:API_KEY\tAPI_KEY\t" + project + "\t\t2026-01-02\t2026-01-03\n");

    runProject(alpha, "API_KEY");

    List<String> lines = Files.readAllLines(inventory());
    assertEquals(2, lines.size(), lines.toString());
    String[] fields = lines.get(1).split("\t");
    assertEquals("2026-01-02", fields[5]);
    assertTrue(today().contains(fields[6]), fields[6]);
  }

  @Test
  void inventoryIsPrivate() throws Exception {
    runProject(alpha, "API_KEY");

    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(inventory().getParent())));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(inventory())));
  }

  @Test
  void unwritableStateDirectoryStillRuns() throws Exception {
    // The tests may run as root, which file modes do not stop, so the state directory's place is
    // taken by a regular file, which no one can create a directory in.
    state = TestFiles.writePrivate(directory.resolve("state-file"), "");

    Keyrun.Result quiet = runProject(alpha, "API_KEY");
    Keyrun.Result debug =
        run(keyrun(alpha).args("--debug", "--", "sh", "-c", String.format(CHECK, "API_KEY")));

    assertEquals(0, quiet.status(), quiet.stderr());
    assertEquals("other\n", quiet.stdout());
    assertEquals("", quiet.stderr());
    assertEquals(0, debug.status(), debug.stderr());
    assertEquals("other\n", debug.stdout());
    assertTrue(debug.stderr().contains("inventory not updated: "), debug.stderr());
  }

  @Test
  void inheritedReferenceOutsideUnitIsNotRecorded() throws Exception {
    Path empty = Files.createDirectory(directory.resolve("empty"));

    Keyrun.Result result =
        run(
            keyrun(empty)
                .env("API_KEY", "dotenv:API_KEY")
                .args("--", "sh", "-c", String.format(CHECK, "API_KEY")));

    assertEquals(0, result.status(), result.stderr());
    assertFalse(Files.exists(inventory()));
  }

  @Test
  void invocationIdOutsideServiceRecordsNoUnit() throws Exception {
    // A unit is recorded only where /proc/self/cgroup names one, which keyrun inherits from this
    // JVM; inside a service the check would be a different one.
    assumeTrue(
        SystemdUnit.fromCgroup(Files.readString(Path.of("/proc/self/cgroup"))).isEmpty(),
        "the tests run inside a systemd service");

    Keyrun.Result result =
        run(
            keyrun(alpha)
                .env("INVOCATION_ID", "0123456789abcdef0123456789abcdef")
                .args("--", "sh", "-c", String.format(CHECK, "API_KEY")));

    assertEquals(0, result.status(), result.stderr());
    List<String> lines = Files.readAllLines(inventory());
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("", lines.get(1).split("\t", -1)[4]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "op://Private/Api/credential|keyrun rotate cannot write to 1Password",
        "file:///run/secrets/api|write the new value into the file yourself",
        "env://API_KEY|change the value where it is set"
      })
  void rotateRejectsStoresItCannotWrite(String referenceAndText) throws Exception {
    String reference = referenceAndText.split("\\|")[0];
    String text = referenceAndText.split("\\|")[1];

    Keyrun.Result result = run(keyrun(directory).input(NEW_VALUE).args("rotate", reference));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: " + reference + ": "), result.stderr());
    assertTrue(result.stderr().contains(text), result.stderr());
    assertTrue(
        result.stderr().contains("keyrun where " + reference + " lists who uses it"),
        result.stderr());
    assertEquals("", result.stdout());
    assertFalse(Files.exists(inventory()));
  }

  @Test
  void rotateWithUnwritableStateStillStores() throws Exception {
    state = TestFiles.writePrivate(directory.resolve("state-file"), "");

    Keyrun.Result rotated = rotate();

    assertEquals(ManagementStatus.FAILED, rotated.status());
    assertTrue(
        rotated.stderr().contains("keyrun: stored the new value of dotenv:API_KEY"),
        rotated.stderr());
    assertTrue(
        rotated
            .stderr()
            .contains(": the new value is stored, but the rotation date was not recorded: "),
        rotated.stderr());
    assertTrue(rotated.stderr().contains(": cannot read the inventory: "), rotated.stderr());
    assertEquals("new\n", runProject(alpha, "API_KEY").stdout());
  }

  @Test
  void rotateWithEmptyValueStoresNothing() throws Exception {
    Keyrun.Result result = run(keyrun(directory).input("").args("rotate", "dotenv:API_KEY"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("the value is empty"), result.stderr());
    assertEquals(
        "API_KEY=" + OLD_VALUE + "\n",
        new String(Files.readAllBytes(store), StandardCharsets.UTF_8));
    assertFalse(Files.exists(inventory()));
  }

  @Test
  void rotateOfAMistypedReferenceStoresNothing() throws Exception {
    Keyrun.Result result =
        run(keyrun(directory).input(NEW_VALUE + "\n").args("rotate", "dotenv:API_KEYS"));

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result.stderr().contains("dotenv:API_KEYS: not found in the dotenv store"),
        result.stderr());
    assertTrue(result.stderr().contains("keyrun set dotenv:API_KEYS creates"), result.stderr());
    assertEquals(
        "API_KEY=" + OLD_VALUE + "\n",
        new String(Files.readAllBytes(store), StandardCharsets.UTF_8));
  }

  @Test
  void inventoryPipeDoesNotStopRun() throws Exception {
    Path inventory = inventory();
    Files.createDirectories(inventory.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", inventory.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());

    Keyrun.Result result = runProject(alpha, "API_KEY");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("other\n", result.stdout());
  }
}
