package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit statuses, signals and process identity in exec and supervise modes. */
class ProcessModelTest {
  @TempDir Path directory;

  private Keyrun keyrun(String mode) {
    Keyrun keyrun = Keyrun.in(directory);
    return "supervise".equals(mode) ? keyrun.args("--no-exec") : keyrun;
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void exitCodeIsTheChilds(String mode) throws Exception {
    Keyrun.Result result = keyrun(mode).args("--", "sh", "-c", "exit 7").run();

    assertEquals(7, result.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void childKilledByTermGives143(String mode) throws Exception {
    Keyrun.Result result = keyrun(mode).args("--", "sh", "-c", "kill -TERM $$").run();

    assertEquals(143, result.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void childKilledByKillGives137(String mode) throws Exception {
    Keyrun.Result result = keyrun(mode).args("--", "sh", "-c", "kill -KILL $$").run();

    assertEquals(137, result.status());
  }

  @Test
  void execKeepsKeyrunsPid() throws Exception {
    Process process = Keyrun.in(directory).args("--", "sh", "-c", "echo $$").start();
    process.getOutputStream().close();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(String.valueOf(process.pid()), printed.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void childStartsWithNoBlockedSignals(String mode) throws Exception {
    Keyrun.Result result =
        keyrun(mode).args("--", "sh", "-c", "grep '^SigBlk' /proc/self/status").run();

    assertEquals("SigBlk:\t0000000000000000", result.stdout().trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec", "supervise"})
  void childInheritsOnlyStandardDescriptors(String mode) throws Exception {
    Keyrun.Result result = keyrun(mode).args("--", "sh", "-c", "ls /proc/$$/fd").run();

    assertEquals("0\n1\n2", result.stdout().trim());
  }

  @Test
  void socketActivationDescriptorsAreKept() throws Exception {
    String launcher = String.join(" ", Keyrun.in(directory).commandLine());
    String script =
        "exec 3</dev/null; LISTEN_FDS=1 LISTEN_PID=$$ exec "
            + launcher
            + " -- sh -c 'ls /proc/$$/fd'";

    Keyrun.Result result = new ShellRun(directory).run(script);

    assertEquals("0\n1\n2\n3", result.stdout().trim());
  }

  @Test
  void staleListenFdsAreNotKept() throws Exception {
    String launcher = String.join(" ", Keyrun.in(directory).commandLine());
    String script =
        "exec 3</dev/null; LISTEN_FDS=1 LISTEN_PID=1 exec "
            + launcher
            + " -- sh -c 'ls /proc/$$/fd'";

    Keyrun.Result result = new ShellRun(directory).run(script);

    assertEquals("0\n1\n2", result.stdout().trim());
  }

  @Test
  void termReachesSupervisedChild() throws Exception {
    Path marker = directory.resolve("marker");
    String child =
        "trap 'echo trapped > "
            + marker
            + "; exit 0' TERM; echo ready; while :; do sleep 0.1; done";
    Process process = Keyrun.in(directory).args("--no-exec", "--", "sh", "-c", child).start();

    awaitReady(process);
    process.toHandle().destroy();

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    assertEquals("trapped", Files.readString(marker).trim());
  }

  @Test
  void interruptedGroupWithHandlingChildGivesZero() throws Exception {
    String child = "trap 'exit 0' INT; echo ready; while :; do sleep 0.1; done";
    Keyrun keyrun = Keyrun.in(directory).args("--no-exec", "--", "sh", "-c", child);
    Process process = new ShellRun(directory).startInNewSession(keyrun.commandLine());

    awaitReady(process);
    new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start().waitFor();

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
  }

  private static void awaitReady(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("ready", reader.readLine());
  }

  @Test
  void shellScriptStopsOnCtrlCOfSupervisedChild() throws Exception {
    Path after = directory.resolve("after");
    String launcher = String.join(" ", Keyrun.in(directory).commandLine());
    String child = "'echo ready; exec sleep 30'";
    String script = launcher + " --no-exec -- sh -c " + child + "; echo continued > " + after;
    Process shell = new ShellRun(directory).startInNewSession(List.of("bash", "-c", script));

    awaitReady(shell);
    new ProcessBuilder("kill", "-INT", "--", "-" + shell.pid()).start().waitFor();

    assertTrue(shell.waitFor(60, TimeUnit.SECONDS));
    assertFalse(Files.exists(after));
  }
}
