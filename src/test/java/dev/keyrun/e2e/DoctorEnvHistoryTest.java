package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun doctor}'s env-history check over git histories that hide a plain value from a plain
 * {@code git log}: a merged branch that added and removed an env file, env files whose names git
 * quotes, and a value that only a merge resolution added.
 */
class DoctorEnvHistoryTest {
  private static final String VALUE = "history-fixture-Z8q2Lm4Rt7Wx";

  @TempDir Path directory;
  private DoctorProject project;

  @BeforeEach
  void createProject() throws Exception {
    project = new DoctorProject(directory);
    project.write("README", "app\n", "rw-r--r--");
    project.git("add", "README");
    project.git("commit", "-q", "-m", "init");
  }

  @AfterEach
  void noValueInOutput() {
    project.assertNoValueInOutput(VALUE);
  }

  @Test
  void mergedBranchThatRemovedEnvWarns() throws Exception {
    project.git("checkout", "-q", "-b", "side");
    project.write(".env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.git("add", ".env");
    project.git("commit", "-q", "-m", "add env");
    project.git("rm", "-q", ".env");
    project.git("commit", "-q", "-m", "remove env");
    project.git("checkout", "-q", "-");
    project.git("merge", "-q", "--no-ff", "-m", "merge side", "side");
    project.git("branch", "-q", "-D", "side");

    Keyrun.Result result = project.doctor("--format", "text");

    String line = DoctorProject.line(result.stdout(), "warn", "env-history");
    assertTrue(line.contains(".env is in the git history with plain values"), result.stdout());
  }

  @Test
  void nonAsciiEnvPathsWarn() throws Exception {
    Files.createDirectories(project.project.resolve("dü"));
    project.write("dü/.env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.write("café.env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.git("add", "dü/.env", "café.env");
    project.git("commit", "-q", "-m", "add env files");
    project.git("rm", "-q", "dü/.env", "café.env");
    project.git("commit", "-q", "-m", "remove env files");

    Keyrun.Result result = project.doctor("--format", "text");

    String output = result.stdout();
    assertTrue(output.contains("dü/.env is in the git history with plain values"), output);
    assertTrue(output.contains("café.env is in the git history with plain values"), output);
  }

  @Test
  void valueAddedInMergeResolutionWarns() throws Exception {
    project.write(".env", "A=keyring://app/a\n", "rw-------");
    project.git("add", ".env");
    project.git("commit", "-q", "-m", "add references");
    project.git("checkout", "-q", "-b", "side");
    project.write(".env", "A=keyring://app/a\nB=keyring://app/b\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "add B");
    project.git("checkout", "-q", "-");
    project.write(".env", "A=keyring://app/a\nC=keyring://app/c\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "add C");
    project.git("merge", "-q", "--no-commit", "-s", "ours", "side");
    project.write(".env", "A=keyring://app/a\nC=" + VALUE + "\nB=keyring://app/b\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "merge side");

    Keyrun.Result result = project.doctor("--format", "text");

    String line = DoctorProject.line(result.stdout(), "warn", "env-history");
    assertTrue(line.contains(".env is in the git history with plain values"), result.stdout());
    assertTrue(line.contains("(added in 1 commit,"), result.stdout());
  }

  @Test
  void mergedCrlfReferencesAreNoFinding() throws Exception {
    project.write(".env", "A=keyring://app/a\r\n", "rw-------");
    project.git("add", ".env");
    project.git("commit", "-q", "-m", "add references");
    project.git("checkout", "-q", "-b", "side");
    project.write(".env", "A=keyring://app/a\r\nB=keyring://app/b\r\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "add B");
    project.git("checkout", "-q", "-");
    project.write(".env", "A=keyring://app/a\r\nC=keyring://app/c\r\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "add C");
    project.git("merge", "-q", "--no-commit", "-s", "ours", "side");
    project.write(
        ".env", "A=keyring://app/a\r\nC=keyring://app/c\r\nB=keyring://app/b\r\n", "rw-------");
    project.git("commit", "-q", "-a", "-m", "merge side");

    Keyrun.Result result = project.doctor("--format", "text");

    assertTrue(
        DoctorProject.line(result.stdout(), "ok", "env-history").contains("no commit added"),
        result.stdout());
  }

  @Test
  void unreadableHistoryIsSkippedNotOk() throws Exception {
    project.write(".env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.git("add", ".env");
    project.git("commit", "-q", "-m", "add env");
    project.git("rm", "-q", ".env");
    project.git("commit", "-q", "-m", "remove env");
    String blob = project.gitOutput("rev-parse", "HEAD~1:.env").strip();
    Path object =
        project.project.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
    Files.delete(object);

    Keyrun.Result result = project.doctor("--format", "text");

    String output = result.stdout();
    assertEquals("", DoctorProject.line(output, "ok", "env-history"), output);
    assertTrue(
        DoctorProject.line(output, "skipped", "env-history").contains("git failed on .env"),
        output);
  }

  @Test
  void globCharactersInNameMatchLiterally() throws Exception {
    project.write("a.env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.write("[ab].env", "API_TOKEN=keyring://app/token\n", "rw-------");
    project.git("add", "a.env", "[ab].env");
    project.git("commit", "-q", "-m", "add env files");

    Keyrun.Result result = project.doctor("--format", "text");

    String output = result.stdout();
    assertTrue(output.contains("a.env is in the git history with plain values"), output);
    assertFalse(output.contains("[ab].env is in the git history"), output);
  }

  @Test
  void untrackedGlobNameIsNotTracked() throws Exception {
    project.write("a.env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.write("[ab].env", "API_TOKEN=" + VALUE + "\n", "rw-------");
    project.git("add", "a.env");
    project.git("commit", "-q", "-m", "add a.env");

    Keyrun.Result result = project.doctor("--format", "text");

    String output = result.stdout();
    assertTrue(output.contains("fail  env-tracked  a.env is tracked by git"), output);
    assertFalse(output.contains("[ab].env is tracked by git"), output);
  }
}
