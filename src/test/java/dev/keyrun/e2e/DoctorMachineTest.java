package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.doctor.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-encryption and backups checks of {@code keyrun doctor} over a root given with --root.
 */
class DoctorMachineTest {
  private static final String SECRET = "sk-ant-" + "Hy7Rb3Nc9Vx1Kt5Mq2Wz8Pd4Lg6Fs0Ja".repeat(2);

  @TempDir Path directory;
  private Path root;
  private Path project;
  private FakeSysfs sysfs;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createProject() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    project = Files.createDirectories(directory.resolve("app")).toRealPath();
    Path env = project.resolve(".env");
    Files.writeString(env, "ANTHROPIC_API_KEY=" + SECRET + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    sysfs = new FakeSysfs(root);
  }

  @AfterEach
  void noSecretWasPrinted() {
    for (Keyrun.Result result : results) {
      assertFalse(result.stdout().contains(SECRET), "stdout contains the key:\n" + result.stdout());
      assertFalse(result.stderr().contains(SECRET), "stderr contains the key:\n" + result.stderr());
    }
  }

  @Test
  void encryptedRootWithBorgmaticBackup() throws Exception {
    Path partition = sysfs.partition("nvme0n1", "nvme0n1p3", "259:3");
    Path crypt =
        sysfs.mapper(
            0, "luks-5c1e", "CRYPT-LUKS2-5c1e8a7d0f2b4e6c9a3d1f0e2b4c6d8a-luks-5c1e", partition);
    sysfs.mapper(
        1,
        "vg-root",
        "LVM-p0Q1r2S3t4U5v6W7x8Y9z0A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1",
        crypt);
    sysfs.mount("253:1", "/", "ext4", "/dev/mapper/vg-root");
    Path config = root.resolve("etc/borgmatic/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        "source_directories:\n    - "
            + project.getParent()
            + "\nrepositories:\n    - path: /mnt/repo\n");

    Keyrun.Result result = doctor();

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    String text = result.stdout();
    assertTrue(
        text.contains(
            "ok    disk-encryption  / is on dm-crypt LUKS2 (it contains the root, home and project"
                + " directories)"),
        text);
    assertTrue(
        text.contains("warn  backups  .env is backed up by borgmatic (" + config + ")"), text);
    assertTrue(text.contains("fix: exclude it in " + config), text);
  }

  @Test
  void plainRootWarnsAndOverlayIsUnknown() throws Exception {
    sysfs.partition("sda", "sda2", "8:2");
    sysfs.mount("8:2", "/", "ext4", "/dev/sda2");
    sysfs.mount("0:44", project.toString(), "overlay", "overlay");

    Keyrun.Result result = doctor("--format", "json");

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    String json = result.stdout();
    assertTrue(
        json.contains(
            "{\"check\": \"disk-encryption\", \"status\": \"warn\", \"finding\": \"/ is on"
                + " /dev/sda2, which is not encrypted (it contains the root and home directories)\""),
        json);
    assertTrue(
        json.contains(
            "\"status\": \"skipped\", \"finding\": \"unknown whether " + project + " is encrypted"),
        json);
    assertTrue(json.contains("\"check\": \"backups\", \"status\": \"skipped\""), json);
  }

  @Test
  void realMachineGetsOneLinePerMount() throws Exception {
    Keyrun.Result result =
        environment(Keyrun.in(project).args("doctor", "--dir", project.toString())).run();
    results.add(result);

    assertEquals(0, result.status(), result.stdout() + result.stderr());
    List<String> lines = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (line.contains("  disk-encryption  ")) {
        lines.add(line);
      }
    }
    assertFalse(lines.isEmpty(), result.stdout());
    for (String line : lines) {
      assertTrue(line.matches("(ok|warn|skipped) +disk-encryption  \\S.*"), line);
    }
  }

  private Keyrun.Result doctor(String... arguments) throws Exception {
    Keyrun keyrun =
        environment(
            Keyrun.in(project)
                .args("doctor", "--root", root.toString(), "--dir", project.toString()));
    Keyrun.Result result = keyrun.args(arguments).run();
    results.add(result);
    return result;
  }

  private Keyrun environment(Keyrun keyrun) {
    return keyrun.env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1");
  }
}
