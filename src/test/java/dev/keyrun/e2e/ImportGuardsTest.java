package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun import --apply} where the env file is the store, changes while the import runs, or
 * another import runs at the same time. Imports are held at a known step by holding the dotenv
 * store's lock file in this test, so no test depends on timing.
 */
class ImportGuardsTest {
  @TempDir Path directory;
  private ImportFixture fixture;

  @BeforeEach
  void createProject() throws Exception {
    fixture = new ImportFixture(directory);
  }

  @AfterEach
  void noValueWasPrinted() {
    fixture.assertNoValueInOutput();
  }

  @Test
  void storeFileByOtherPathIsRejected() throws Exception {
    TestFiles.write(fixture.envFile, ImportFixture.ENV_FILE, "rw-------");
    Path otherPath = directory.resolve("billing/../billing/.env");
    Keyrun keyrun = fixture.keyrun().env("KEYRUN_DOTENV_STORE", otherPath.toString());

    Keyrun.Result result =
        fixture.record(keyrun.args("import", ".env", "--to", "dotenv", "--apply").run());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().startsWith("keyrun: .env: is the dotenv store "), result.stderr());
    assertTrue(result.stderr().contains("keyrun: hint: "), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
    assertFalse(Files.exists(fixture.backups()));
  }

  @Test
  void storeFileLinkedFromConfigIsRejected() throws Exception {
    TestFiles.write(fixture.envFile, ImportFixture.ENV_FILE, "rw-------");
    Path hardLink = Files.createLink(directory.resolve("secrets.env"), fixture.envFile);
    Path config =
        Files.createDirectories(directory.resolve("config/keyrun")).resolve("config.toml");
    TestFiles.write(config, "[dotenv]\nstore = \"" + hardLink + "\"\n", "rw-------");
    Keyrun keyrun = fixture.keyrun().unset("KEYRUN_DOTENV_STORE");

    Keyrun.Result result =
        fixture.record(keyrun.args("import", ".env", "--to", "dotenv", "--apply").run());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("is the dotenv store " + hardLink), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
  }

  @Test
  void editDuringImportIsKept() throws Exception {
    String edited = ImportFixture.ENV_FILE + "ADDED_LATER=1\n";
    Running running;
    try (HeldLock held = HeldLock.on(storeLockFile())) {
      running = Running.start(importApply(fixture.keyrun()));
      awaitBackups(1);
      Files.writeString(fixture.envFile, edited);
    }

    Keyrun.Result result = fixture.record(running.finish());

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(
        result.stderr().contains("keyrun: .env: changed during the import"), result.stderr());
    assertTrue(result.stderr().contains("the next run reuses them"), result.stderr());
    assertEquals(edited, fixture.envText());

    Keyrun.Result again = fixture.run("import", ".env", "--to", "dotenv", "--apply");
    assertEquals(0, again.status(), again.stderr());
    assertTrue(again.stdout().contains("(the store already holds this value)"), again.stdout());
    assertTrue(fixture.envText().endsWith("ADDED_LATER=dotenv:ADDED_LATER\n"), fixture.envText());
  }

  @Test
  void concurrentImportsOfOneKeyConflict() throws Exception {
    Path other = Files.createDirectories(directory.resolve("shop")).resolve(".env");
    String otherText = "DB_PASSWORD=fixture-shop-db-7a9b\n";
    TestFiles.write(other, otherText, "rw-r--r--");

    Running first;
    Running second;
    try (HeldLock held = HeldLock.on(storeLockFile())) {
      first = Running.start(importApply(fixture.keyrun()));
      awaitBackups(1);
      second = Running.start(importApply(fixture.keyrunIn(other.getParent())));
      awaitBackupsOrWaiter(2, importLockFile());
    }

    Keyrun.Result firstResult = fixture.record(first.finish());
    Keyrun.Result secondResult = fixture.record(second.finish());

    assertEquals(0, firstResult.status(), firstResult.stderr());
    assertEquals(ManagementStatus.FAILED, secondResult.status(), secondResult.stderr());
    assertTrue(
        secondResult.stderr().contains("DB_PASSWORD (dotenv:DB_PASSWORD)"), secondResult.stderr());
    assertArrayEquals(otherText.getBytes(), Files.readAllBytes(other));
    Keyrun.Result read = fixture.keyrun().args("read", "-n", "dotenv:DB_PASSWORD").run();
    assertEquals("fixture-db-3c5d", read.stdout());
  }

  @Test
  void valueFollowedByCommentMoves() throws Exception {
    TestFiles.write(fixture.envFile, "A=\"fixture-a\"#note\nB='fixture-b'#note\n", "rw-r--r--");

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    assertFalse(result.stderr().contains("internal error"), result.stderr());
    Keyrun.Result child =
        fixture.keyrun().args("--no-mask", "--env-file", ".env", "--", "printenv", "A", "B").run();
    assertEquals(0, child.status(), child.stderr());
    assertEquals("fixture-a\nfixture-b\n", child.stdout());
    assertFalse(fixture.envText().contains("fixture-"), fixture.envText());
  }

  @Test
  void linkedBackupDirectoryIsUsed() throws Exception {
    Path target = Files.createDirectories(directory.resolve("private-backups"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(fixture.backups().getParent());
    Files.createSymbolicLink(fixture.backups(), target);

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(0, result.status(), result.stderr());
    try (Stream<Path> files = Files.list(target)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void linkedOpenBackupDirectoryIsRejected() throws Exception {
    Path target = Files.createDirectories(directory.resolve("open-backups"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createDirectories(fixture.backups().getParent());
    Files.createSymbolicLink(fixture.backups(), target);

    Keyrun.Result result = fixture.run("import", ".env", "--to", "dotenv", "--apply");

    assertEquals(ManagementStatus.FAILED, result.status());
    assertTrue(result.stderr().contains("chmod 700 " + target.toRealPath()), result.stderr());
    assertEquals(ImportFixture.ENV_FILE, fixture.envText());
  }

  private static Keyrun importApply(Keyrun keyrun) {
    return keyrun.args("import", ".env", "--to", "dotenv", "--apply");
  }

  private Path storeLockFile() {
    return fixture.store.resolveSibling("." + fixture.store.getFileName() + ".lock");
  }

  private Path importLockFile() {
    return fixture.state.resolve("keyrun/.import.lock");
  }

  private List<Path> backups() throws Exception {
    if (!Files.isDirectory(fixture.backups())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(fixture.backups())) {
      return files.toList();
    }
  }

  /** Waits until the backups directory contains {@code count} backups. */
  private void awaitBackups(int count) throws Exception {
    Waiting.until(() -> backups().size() >= count, "no backup was written");
  }

  /**
   * Waits until the backups directory holds {@code count} backups, or a process waits for the lock
   * on {@code lockFile}, as /proc/locks lists it.
   */
  private void awaitBackupsOrWaiter(int count, Path lockFile) throws Exception {
    Waiting.until(
        () -> backups().size() >= count || LockWaiters.anyOn(lockFile),
        "the second import neither wrote a backup nor waited for the import lock");
  }

  /** A lock held by this test on a store's lock file, as a keyrun process would hold it. */
  private record HeldLock(FileChannel channel, FileLock lock) implements AutoCloseable {
    static HeldLock on(Path lockFile) throws Exception {
      Files.createDirectories(lockFile.getParent());
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new HeldLock(channel, channel.lock());
    }

    @Override
    public void close() throws Exception {
      lock.release();
      channel.close();
    }
  }
}
