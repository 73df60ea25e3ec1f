package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk-encryption check over fake /proc and /sys trees, and over a fake fdesetup. */
class DiskEncryptionCheckTest {
  private static final String SECRET = "sk-" + "Zr4Tq8Wn2Lp6Xv0Bc3Hm7Jd1Fs5Gk9Ya".repeat(2);
  private static final Path FDESETUP = Path.of("src/test/fakes/fdesetup").toAbsolutePath();

  @TempDir Path directory;
  private Path root;
  private Path home;
  private Path project;
  private FakeSysfs sysfs;
  private final List<Finding> seen = new ArrayList<>();

  @BeforeEach
  void createDirectories() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    home = Files.createDirectories(directory.resolve("home")).toRealPath();
    project = Files.createDirectories(home.resolve("app"));
    Files.writeString(project.resolve(".env"), "OPENAI_API_KEY=" + SECRET + "\n");
    sysfs = new FakeSysfs(root);
  }

  @AfterEach
  void noFindingContainsSecret() {
    for (Finding finding : seen) {
      assertFalse(finding.finding().contains(SECRET), finding.finding());
      assertFalse(finding.fix().contains(SECRET), finding.fix());
    }
  }

  @Test
  void luksUnderLvmIsOk() throws Exception {
    Path partition = sysfs.partition("nvme0n1", "nvme0n1p3", "259:3");
    Path crypt =
        sysfs.mapper(
            0, "luks-7d2f", "CRYPT-LUKS2-7d2f9a1c0b3e4f5a8c6d2e1f0a9b8c7d-luks-7d2f", partition);
    sysfs.mapper(
        1, "vg-root", "LVM-Wq3rT5yU7iO9pA1sD3fG5hJ7kL9zX1cVb3nM5qW7eR9tY1uI3oP5aS7dF9gH1j", crypt);
    sysfs.mount("253:1", "/", "ext4", "/dev/mapper/vg-root");

    List<Finding> findings = run("Linux");

    assertEquals(1, findings.size(), findings.toString());
    assertEquals(Status.OK, findings.get(0).status());
    assertEquals(
        "/ is on dm-crypt LUKS2 (it contains the root, home and project directories)",
        findings.get(0).finding());
  }

  @Test
  void plainHomePartitionWarns() throws Exception {
    Path rootPartition = sysfs.partition("sda", "sda2", "8:2");
    sysfs.mapper(
        0, "cryptroot", "CRYPT-LUKS1-0a1b2c3d4e5f60718293a4b5c6d7e8f9-cryptroot", rootPartition);
    sysfs.partition("sda", "sda3", "8:3");
    sysfs.mount("253:0", "/", "ext4", "/dev/mapper/cryptroot");
    sysfs.mount("8:3", home.toString(), "ext4", "/dev/sda3");

    List<Finding> findings = run("Linux");

    assertEquals(2, findings.size(), findings.toString());
    assertEquals(Status.OK, findings.get(0).status());
    assertEquals(
        "/ is on dm-crypt LUKS1 (it contains the root directory)", findings.get(0).finding());
    assertEquals(Status.WARN, findings.get(1).status());
    assertEquals(
        home
            + " is on /dev/sda3, which is not encrypted (it contains the home and project directories)",
        findings.get(1).finding());
    assertEquals(DiskEncryptionCheck.FIX, findings.get(1).fix());
  }

  @Test
  void lvmOverPlainAndCryptWarns() throws Exception {
    Path plain = sysfs.partition("sda", "sda1", "8:1");
    Path encrypted = sysfs.partition("sdb", "sdb1", "8:17");
    Path crypt = sysfs.mapper(0, "crypt-sdb1", "CRYPT-PLAIN-crypt-sdb1", encrypted);
    sysfs.mapper(
        1,
        "vg-data",
        "LVM-aBcDeFgHiJkLmNoPqRsTuVwXyZ012345aBcDeFgHiJkLmNoPqRsTuVwXyZ0123",
        plain,
        crypt);
    sysfs.mount("253:1", "/", "xfs", "/dev/mapper/vg-data");

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertTrue(
        finding.finding().startsWith("/ is on /dev/sda1, which is not encrypted"),
        finding.finding());
  }

  @Test
  void plainDmCryptIsOk() throws Exception {
    Path partition = sysfs.partition("sda", "sda2", "8:2");
    sysfs.mapper(0, "home", "CRYPT-PLAIN-home", partition);
    sysfs.mount("253:0", "/", "ext4", "/dev/mapper/home");

    assertEquals(
        "/ is on dm-crypt PLAIN (it contains the root, home and project directories)",
        single(run("Linux")).finding());
  }

  @Test
  void verityLayerIsNotEncryption() throws Exception {
    Path partition = sysfs.partition("vda", "vda3", "252:3");
    sysfs.mapper(0, "usr", "CRYPT-VERITY-3f1a0c9e8d7b6a5f4e3d2c1b0a9f8e7d-usr", partition);
    sysfs.mount("253:0", "/", "erofs", "/dev/mapper/usr");

    Finding finding = single(run("Linux"));

    assertEquals(Status.WARN, finding.status());
    assertTrue(
        finding.finding().startsWith("/ is on /dev/vda3, which is not encrypted"),
        finding.finding());
  }

  @Test
  void btrfsFindsDeviceFromSource() throws Exception {
    Path partition = sysfs.partition("nvme0n1", "nvme0n1p2", "259:2");
    sysfs.mapper(0, "luks-e1", "CRYPT-LUKS2-e1f2a3b4c5d6e7f8091a2b3c4d5e6f70-luks-e1", partition);
    sysfs.mount("0:33", "/", "btrfs", "/dev/mapper/luks-e1");

    Finding finding = single(run("Linux"));

    assertEquals(Status.OK, finding.status(), finding.finding());
    assertTrue(finding.finding().startsWith("/ is on dm-crypt LUKS2"), finding.finding());
  }

  @Test
  void overlayIsUnknown() throws Exception {
    sysfs.mount("0:52", "/", "overlay", "overlay");

    Finding finding = single(run("Linux"));

    assertEquals(Status.SKIPPED, finding.status());
    assertEquals(
        "unknown whether / is encrypted: it is an overlay filesystem, as in a container: the host"
            + " decides where its data lives (it contains the root, home and project directories)",
        finding.finding());
  }

  @Test
  void tmpfsHomeIsOk() throws Exception {
    sysfs.mount("0:52", "/", "overlay", "overlay");
    sysfs.mount("0:53", home.toString(), "tmpfs", "tmpfs");

    List<Finding> findings = run("Linux");

    assertEquals(Status.SKIPPED, findings.get(0).status());
    assertEquals(Status.OK, findings.get(1).status());
    assertEquals(
        home + " is a tmpfs kept in memory (it contains the home and project directories)",
        findings.get(1).finding());
  }

  @Test
  void networkHomeIsUnknown() throws Exception {
    sysfs.partition("sda", "sda1", "8:1");
    sysfs.mount("8:1", "/", "ext4", "/dev/sda1");
    sysfs.mount("0:60", home.toString(), "nfs4", "files:/export/home");

    List<Finding> findings = run("Linux");

    assertEquals(Status.WARN, findings.get(0).status());
    assertEquals(Status.SKIPPED, findings.get(1).status());
    assertTrue(findings.get(1).finding().contains("a nfs4 filesystem, stored on another machine"));
  }

  @Test
  void escapedMountPointMatches() throws Exception {
    Path spaced = Files.createDirectories(directory.resolve("my projects"));
    sysfs.partition("sda", "sda1", "8:1");
    sysfs.partition("sdb", "sdb1", "8:17");
    sysfs.mount("8:1", "/", "ext4", "/dev/sda1");
    sysfs.mount("8:17", spaced.toRealPath().toString(), "ext4", "/dev/sdb1");

    List<Finding> findings = new DiskEncryptionCheck().run(scope("Linux", spaced));

    assertEquals(
        spaced.toRealPath()
            + " is on /dev/sdb1, which is not encrypted (it contains the project directory)",
        findings.get(1).finding());
  }

  @Test
  void missingDeviceIsUnknown() throws Exception {
    sysfs.mount("8:1", "/", "ext4", "/dev/sda1");

    Finding finding = single(run("Linux"));

    assertEquals(Status.SKIPPED, finding.status());
    assertTrue(finding.finding().contains("with no block device in sysfs"), finding.finding());
  }

  @Test
  void missingMountinfoIsSkipped() {
    Finding finding = single(run("Linux"));

    assertEquals(Status.SKIPPED, finding.status());
    assertTrue(
        finding.finding().startsWith(root.resolve("proc/self/mountinfo") + " could not be read"),
        finding.finding());
  }

  @Test
  void otherSystemIsSkipped() {
    Finding finding = single(run("FreeBSD"));

    assertEquals(Status.SKIPPED, finding.status());
    assertEquals(
        "disk encryption is checked on Linux and macOS, not on FreeBSD", finding.finding());
  }

  @Test
  void fileVaultStatesMapToStatuses() {
    Object[][] cases = {
      {"on", Status.OK, "FileVault is On"},
      {
        "encrypting", Status.OK, "FileVault is On; encryption in progress: Percent completed = 42.5"
      },
      {"off", Status.WARN, "FileVault is Off"},
      {"deferred", Status.WARN, "FileVault is Off, but will be enabled after the next restart"},
      {
        "decrypting",
        Status.WARN,
        "FileVault is On; decryption in progress: Percent completed = 17.0"
      },
      {
        "bogus",
        Status.SKIPPED,
        "fdesetup status exited with 125: fake fdesetup: FAKE_FDESETUP_STATE must be one of"
      },
    };
    for (Object[] row : cases) {
      Map<String, String> environment =
          Map.of(
              FileVaultStatus.VARIABLE,
              FDESETUP.toString(),
              "FAKE_FDESETUP_STATE",
              (String) row[0]);

      Finding finding =
          single(new DiskEncryptionCheck().run(scope("Mac OS X", project, environment)));

      assertEquals(row[1], finding.status(), (String) row[0]);
      assertTrue(finding.finding().startsWith((String) row[2]), finding.finding());
    }
  }

  @Test
  void fileVaultOffHasFix() {
    Map<String, String> environment =
        Map.of(FileVaultStatus.VARIABLE, FDESETUP.toString(), "FAKE_FDESETUP_STATE", "off");

    Finding finding =
        single(new DiskEncryptionCheck().run(scope("Mac OS X", project, environment)));

    assertTrue(finding.fix().startsWith("turn FileVault on in System Settings"), finding.fix());
  }

  @Test
  void missingFdesetupIsSkipped() {
    Map<String, String> environment =
        Map.of(FileVaultStatus.VARIABLE, directory.resolve("absent").toString());

    Finding finding =
        single(new DiskEncryptionCheck().run(scope("Mac OS X", project, environment)));

    assertEquals(Status.SKIPPED, finding.status());
    assertTrue(
        finding.finding().startsWith(directory.resolve("absent") + " could not run"),
        finding.finding());
  }

  private List<Finding> run(String osName) {
    List<Finding> findings = new DiskEncryptionCheck().run(scope(osName, project));
    seen.addAll(findings);
    return findings;
  }

  private Scope scope(String osName, Path projectDirectory) {
    return scope(osName, projectDirectory, Map.of());
  }

  private Scope scope(String osName, Path projectDirectory, Map<String, String> environment) {
    ProjectScope projectScope =
        new ProjectScope(projectDirectory, List.of(), List.of(), "", Optional.empty(), "");
    return new Scope(projectScope, new Host(root, home, environment, osName, false));
  }

  private Finding single(List<Finding> findings) {
    seen.addAll(findings);
    assertEquals(1, findings.size(), findings.toString());
    return findings.get(0);
  }
}
