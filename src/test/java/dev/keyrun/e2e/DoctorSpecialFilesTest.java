package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun doctor} over odd files where it expects configuration and kernel files or a
 * directory: FIFOs, devices, invalid UTF-8, invalid patterns and symbolic links. A FIFO that no one
 * writes blocks a reader forever, so doctor must not open one.
 */
class DoctorSpecialFilesTest {
  private static final String SECRET = "ghp_" + "Vb4Nq8Xs2Lm6Tc0Wr5Jk9Hd3Gf7Pz1Ya2Ee";

  @TempDir Path directory;
  private Path root;
  private Path home;
  private Path configHome;
  private Path project;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createProject() throws Exception {
    root = Files.createDirectories(directory.resolve("root"));
    home = Files.createDirectories(directory.resolve("home"));
    configHome = Files.createDirectories(home.resolve(".config"));
    project = Files.createDirectories(directory.resolve("app")).toRealPath();
    Path env = project.resolve(".env");
    Files.writeString(env, "GITHUB_TOKEN=" + SECRET + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void noSecretWasPrinted() {
    for (Keyrun.Result result : results) {
      assertFalse(result.stdout().contains(SECRET), "stdout contains the key:\n" + result.stdout());
      assertFalse(result.stderr().contains(SECRET), "stderr contains the key:\n" + result.stderr());
    }
  }

  @Test
  void borgmaticFifoIsSkipped() throws Exception {
    mkfifo(configHome.resolve("borgmatic/config.yaml"));

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  backups  ~/.config/borgmatic/config.yaml could not be read"
                    + " (not a regular file)"),
        result.stdout());
  }

  @Test
  void rsnapshotFifoIsSkipped() throws Exception {
    mkfifo(root.resolve("etc/rsnapshot.conf"));

    Keyrun.Result result = doctor();

    assertTrue(result.stdout().contains("(not a regular file)"), result.stdout());
  }

  @Test
  void rsnapshotLinkToDeviceIsSkipped() throws Exception {
    Path config = root.resolve("etc/rsnapshot.conf");
    Files.createDirectories(config.getParent());
    Files.createSymbolicLink(config, Path.of("/dev/zero"));

    Keyrun.Result result = doctor();

    assertTrue(result.stdout().contains("(not a regular file)"), result.stdout());
  }

  @Test
  void mountinfoFifoIsSkipped() throws Exception {
    mkfifo(root.resolve("proc/self/mountinfo"));

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "disk-encryption  "
                    + root
                    + "/proc/self/mountinfo could not be read"
                    + " (not a regular file)"),
        result.stdout());
  }

  @Test
  void mountinfoInvalidUtf8IsRead() throws Exception {
    Path mountinfo = root.resolve("proc/self/mountinfo");
    Files.createDirectories(mountinfo.getParent());
    byte[] latin1MountPoint =
        "22 21 8:2 / /mnt/caf\u00e9 rw - ext4 /dev/sda2 rw\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(
        mountinfo, "21 1 8:1 / / rw - ext4 /dev/sda1 rw\n".getBytes(StandardCharsets.US_ASCII));
    Files.write(mountinfo, latin1MountPoint, StandardOpenOption.APPEND);

    Keyrun.Result result = doctor();

    assertFalse(result.stdout().contains("could not be read"), result.stdout());
    assertTrue(
        result
            .stdout()
            .contains(
                "disk-encryption  unknown whether / is encrypted: it is a ext4"
                    + " filesystem from /dev/sda1"),
        result.stdout());
  }

  @Test
  void mountinfoNulEscapeIsSkipped() throws Exception {
    Path mountinfo = root.resolve("proc/self/mountinfo");
    Files.createDirectories(mountinfo.getParent());
    Files.writeString(
        mountinfo,
        "21 1 8:1 / / rw - ext4 /dev/sda1 rw\n22 21 8:2 / /mnt/a\\000b rw - ext4 /dev/sda2 rw\n");

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "disk-encryption  unknown whether / is encrypted: it is a ext4"
                    + " filesystem from /dev/sda1"),
        result.stdout());
  }

  @Test
  void environmentFileWithUnclosedBracketIsRead() throws Exception {
    Path unit = root.resolve("etc/systemd/system/app.service");
    Files.createDirectories(unit.getParent());
    Files.writeString(unit, "[Service]\nEnvironmentFile=/etc/app/[x\nExecStart=/usr/bin/app\n");
    Path environmentFile = root.resolve("etc/app/[x");
    Files.createDirectories(environmentFile.getParent());
    Files.writeString(environmentFile, "GITHUB_TOKEN=" + SECRET + "\n");
    Files.setPosixFilePermissions(environmentFile, PosixFilePermissions.fromString("rw-r--r--"));

    Keyrun.Result result = doctor();

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "app.service:2: EnvironmentFile=/etc/app/[x: "
                    + environmentFile
                    + " contains plaintext values"),
        result.stdout());
  }

  @Test
  void borgmaticInvalidRegexIsSkipped() throws Exception {
    Path config = configHome.resolve("borgmatic/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config, "source_directories:\n    - " + project + "\nexclude_patterns:\n    - \"re:(\"\n");

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "skipped  backups  ~/.config/borgmatic/config.yaml could not be read (invalid"
                    + " pattern: Unclosed group)"),
        result.stdout());
  }

  @Test
  void rsnapshotInvalidRangeIsOneLine() throws Exception {
    Path config = root.resolve("etc/rsnapshot.conf");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "backup\t/\tlocalhost/\nexclude\t[z-a]\n");

    Keyrun.Result result = doctor();

    assertTrue(
        result
            .stdout()
            .contains(
                "rsnapshot.conf could not be read (invalid pattern: Illegal character range),"
                    + " so its backups were not checked\n"),
        result.stdout());
  }

  @Test
  void projectLinkIsWalked() throws Exception {
    Files.setPosixFilePermissions(
        project.resolve(".env"), PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(directory.resolve("app-link"), project);

    Keyrun.Result result = doctor(link);

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result.stdout().contains("fail  env-permissions  .env is readable by group and others"),
        result.stdout());
  }

  @Test
  void homeLinkIsWalked() throws Exception {
    Path env = home.resolve(".env");
    Files.writeString(env, "GITHUB_TOKEN=" + SECRET + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(directory.resolve("home-link"), home);

    Keyrun.Result result =
        Keyrun.in(project)
            .env("HOME", link.toString())
            .env("XDG_CONFIG_HOME", configHome.toString())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .args("doctor", "--home", "--root", root.toString(), "--dir", project.toString())
            .run();
    results.add(result);

    assertEquals(1, result.status(), result.stdout() + result.stderr());
    assertTrue(
        result
            .stdout()
            .contains("fail  home-env-files  ~/.env is readable by group and others (mode 644)"),
        result.stdout());
  }

  private Keyrun.Result doctor() throws Exception {
    return doctor(project);
  }

  private Keyrun.Result doctor(Path projectDirectory) throws Exception {
    Keyrun.Result result =
        Keyrun.in(project)
            .env("HOME", home.toString())
            .env("XDG_CONFIG_HOME", configHome.toString())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args("doctor", "--root", root.toString(), "--dir", projectDirectory.toString())
            .run();
    results.add(result);
    assertTrue(result.status() <= 1, result.stdout() + result.stderr());
    return result;
  }

  private static void mkfifo(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
  }
}
