package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backups check over backup tools' configurations under a test's root and home. */
class BackupsCheckTest {
  private static final String SECRET = "ghp_" + "Kq3Wm8Zr2Tn6Yv1Xc5Bd9Fh4Jl7Ps0Ga2Ue";
  private static final Path TMUTIL = Path.of("src/test/fakes/tmutil").toAbsolutePath();

  @TempDir Path directory;
  private Path root;
  private Path home;
  private Path project;
  private final Map<String, String> environment = new HashMap<>();
  private final List<Finding> seen = new ArrayList<>();

  @BeforeEach
  void createDirectories() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    home = Files.createDirectories(directory.resolve("home")).toRealPath();
    project = Files.createDirectories(home.resolve("app"));
    Files.writeString(project.resolve(".env"), "GITHUB_TOKEN=" + SECRET + "\n");
  }

  @AfterEach
  void noFindingContainsSecret() {
    for (Finding finding : seen) {
      assertFalse(finding.finding().contains(SECRET), finding.finding());
      assertFalse(finding.fix().contains(SECRET), finding.fix());
    }
  }

  @Test
  void noPlaintextFilesIsOk() {
    List<Finding> findings = run("Linux", List.of());

    assertEquals(1, findings.size());
    assertEquals(Status.OK, findings.get(0).status());
    assertEquals("no plaintext env files to back up", findings.get(0).finding());
  }

  @Test
  void noBackupToolIsSkipped() {
    Finding finding = single(run("Linux"));

    assertEquals(Status.SKIPPED, finding.status());
    assertTrue(
        finding.finding().startsWith("no known backup tool's configuration found (looked for"),
        finding.finding());
  }

  @Test
  void borgmaticSourceWarns() throws Exception {
    Path config = write(home.resolve(".config/borgmatic/config.yaml"), borgmatic("- ~", ""));

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertEquals(".env", finding.file());
    assertEquals(
        ".env is backed up by borgmatic (~/.config/borgmatic/config.yaml)", finding.finding());
    assertEquals(
        "exclude it in ~/.config/borgmatic/config.yaml, or move its values into a store with"
            + " keyrun import",
        finding.fix());
    assertTrue(Files.exists(config));
  }

  @Test
  void borgmaticExcludesAreApplied() throws Exception {
    List<String> patterns =
        List.of(
            "'*.env'", "~/app/.env", "sh:" + home + "/**/.env", "pp:" + project, "re:app/\\.env$");
    for (String pattern : patterns) {
      write(home.resolve(".config/borgmatic/config.yaml"), borgmatic("- " + home, "- " + pattern));

      Finding finding = single(run("Linux"));

      assertEquals(Status.OK, finding.status(), pattern + ": " + finding.finding());
      assertTrue(
          finding.finding().startsWith("no backup copies the plaintext env files (borgmatic:"));
    }
  }

  @Test
  void borgmaticShPatternStaysInDirectory() throws Exception {
    write(
        home.resolve(".config/borgmatic/config.yaml"),
        borgmatic("- " + home, "- sh:" + home + "/*.env"));

    assertEquals(Status.WARN, single(run("Linux")).status());
  }

  @Test
  void borgmaticNestedFlowListIsRead() throws Exception {
    write(
        root.resolve("etc/borgmatic.d/home.yaml"),
        "location:\n    source_directories: [/srv, \""
            + home
            + "\"]  # data\n    repositories:\n"
            + "        - ssh://backup@host/./repo\n");

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertTrue(finding.finding().endsWith("(" + root.resolve("etc/borgmatic.d/home.yaml") + ")"));
  }

  @Test
  void borgmaticOtherSourceIsOk() throws Exception {
    write(
        home.resolve(".config/borgmatic/config.yaml"), borgmatic("- /etc\n    - ~/Documents", ""));

    assertEquals(Status.OK, single(run("Linux")).status());
  }

  @Test
  void xdgConfigHomeIsUsed() throws Exception {
    Path config = Files.createDirectories(directory.resolve("xdg"));
    environment.put("XDG_CONFIG_HOME", config.toString());
    write(config.resolve("borgmatic/config.yaml"), borgmatic("- ~", ""));

    assertEquals(Status.WARN, single(run("Linux")).status());
  }

  @Test
  void rsnapshotBackupWarns() throws Exception {
    write(
        root.resolve("etc/rsnapshot.conf"),
        "config_version\t1.2\nsnapshot_root\t/var/cache/rsnapshot/\nexclude\t*.tmp\n"
            + "backup\t"
            + home
            + "/\tlocalhost/\nbackup\troot@example.org:/etc/\texample/\n");

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertEquals(
        ".env is backed up by rsnapshot (" + root.resolve("etc/rsnapshot.conf") + ")",
        finding.finding());
  }

  @Test
  void rsnapshotExcludesAreApplied() throws Exception {
    for (String pattern : List.of(".env", "/app/.env", "app/", "/app/***", "*.env", "app/.e*")) {
      write(
          root.resolve("etc/rsnapshot.conf"),
          "exclude\t" + pattern + "\nbackup\t" + home + "/\tlocalhost/\n");

      assertEquals(Status.OK, single(run("Linux")).status(), pattern);
    }
  }

  @Test
  void rsnapshotIncludeBeatsExclude() throws Exception {
    write(
        root.resolve("etc/rsnapshot.conf"),
        "include\t.env\nexclude\t.*\nbackup\t" + home + "/\tlocalhost/\n");

    assertEquals(Status.WARN, single(run("Linux")).status());
  }

  @Test
  void timeshiftExcludedHomeIsOk() throws Exception {
    write(
        root.resolve("etc/timeshift/timeshift.json"),
        "{\"btrfs_mode\": \"false\", \"exclude\": [\"" + home + "/**\", \"/root/**\"]}");

    Finding finding = single(run("Linux"));

    assertEquals(Status.OK, finding.status(), finding.finding());
  }

  @Test
  void timeshiftIncludedHomeWarns() throws Exception {
    write(
        root.resolve("etc/timeshift/timeshift.json"),
        "{\"btrfs_mode\": \"false\", \"exclude\": [\"+ " + home + "/**\", \"/root/**\"]}");

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertTrue(finding.finding().startsWith(".env is backed up by Timeshift ("), finding.finding());
  }

  @Test
  void timeshiftRules() throws Exception {
    Object[][] cases = {
      {
        "{\"btrfs_mode\": \"false\", \"exclude\": [\"+ /home/me/.**\", \"/home/me/**\"]}",
        "/home/me/app/.env",
        false
      },
      {
        "{\"btrfs_mode\": \"false\", \"exclude\": [\"+ /home/me/.**\", \"/home/me/**\"]}",
        "/home/me/.config/app/.env",
        true
      },
      {"{\"btrfs_mode\": \"false\", \"exclude\": []}", "/srv/app/.env", true},
      {"{\"btrfs_mode\": \"false\", \"exclude\": [\"/srv/app/.env\"]}", "/srv/app/.env", false},
      {
        "{\"btrfs_mode\": \"true\", \"include_btrfs_home_for_backup\": \"false\"}",
        "/home/me/app/.env",
        false
      },
      {
        "{\"btrfs_mode\": \"true\", \"include_btrfs_home_for_backup\": \"true\"}",
        "/home/me/app/.env",
        true
      },
      {"{\"btrfs_mode\": \"true\"}", "/srv/app/.env", true},
    };
    for (Object[] row : cases) {
      Path config = write(root.resolve("etc/timeshift/timeshift.json"), (String) row[0]);

      BackupPlan plan = TimeshiftConfig.read(config);

      assertEquals(row[2], plan.backsUp().test(Path.of((String) row[1])), row[0] + " " + row[1]);
    }
  }

  @Test
  void invalidConfigIsSkipped() throws Exception {
    write(root.resolve("etc/timeshift/timeshift.json"), "{\"exclude\": [");

    Finding finding = single(run("Linux"));

    assertEquals(Status.SKIPPED, finding.status());
    assertTrue(
        finding
            .finding()
            .startsWith(
                root.resolve("etc/timeshift/timeshift.json") + " could not be read (invalid JSON"),
        finding.finding());
    assertTrue(finding.finding().endsWith(", so its backups were not checked"), finding.finding());
  }

  @Test
  void timeMachineIncludedWarns() throws Exception {
    timeMachine(true);

    Finding finding = single(run("Mac OS X"));

    assertEquals(Status.WARN, finding.status());
    assertEquals(".env is included in Time Machine backups", finding.finding());
    assertEquals(
        "tmutil addexclusion "
            + project.resolve(".env")
            + ", or better move its values into a store with keyrun import",
        finding.fix());
  }

  @Test
  void timeMachineExclusionIsOk() throws Exception {
    Path database = timeMachine(true);
    Files.writeString(database.resolve("exclusions"), project + "\n");

    Finding finding = single(run("Mac OS X"));

    assertEquals(Status.OK, finding.status());
    assertEquals("Time Machine excludes the plaintext env files", finding.finding());
  }

  @Test
  void timeMachineWithoutDiskIsSkipped() throws Exception {
    timeMachine(false);

    Finding finding = single(run("Mac OS X"));

    assertEquals(Status.SKIPPED, finding.status());
    assertEquals("Time Machine has no backup disk set up", finding.finding());
  }

  private Path timeMachine(boolean destination) throws Exception {
    Path database = Files.createDirectories(directory.resolve("tmutil"));
    if (destination) {
      Files.writeString(database.resolve("destination"), "Backup\n");
    }
    environment.put(TimeMachineBackups.VARIABLE, TMUTIL.toString());
    environment.put("FAKE_TMUTIL_DB", database.toString());
    return database;
  }

  private static String borgmatic(String sources, String excludes) {
    String text = "source_directories:\n    " + sources + "\n";
    if (!excludes.isEmpty()) {
      text += "exclude_patterns:\n    " + excludes + "\n";
    }
    return text + "repositories:\n    - path: /mnt/backup/repo\n";
  }

  private static Path write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private List<Finding> run(String osName) {
    return run(osName, List.of(Path.of(".env")));
  }

  private List<Finding> run(String osName, List<Path> plaintext) {
    ProjectScope projectScope =
        new ProjectScope(project, List.of(Path.of(".env")), plaintext, "", Optional.empty(), "");
    Host host = new Host(root, home, environment, osName, false);
    List<Finding> findings = new BackupsCheck().run(new Scope(projectScope, host));
    seen.addAll(findings);
    return findings;
  }

  private static Finding single(List<Finding> findings) {
    assertEquals(1, findings.size(), findings.toString());
    return findings.get(0);
  }
}
