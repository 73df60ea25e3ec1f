package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun completion} and the man page, checked by the shells and the man tooling that read
 * them. A check whose tool is not installed is skipped.
 */
class CompletionTest {
  @TempDir Path directory;

  /** Writes the script {@code keyrun completion shell} prints to a file and returns its path. */
  private Path script(String shell) throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("completion", shell).run();
    assertEquals(0, result.status(), result.stderr());
    assertEquals("", result.stderr());
    Path file = directory.resolve("keyrun." + shell);
    Files.write(file, result.stdoutBytes());
    return file;
  }

  /** Runs a program and returns its exit status and its stdout and stderr together. */
  private static Tool run(Map<String, String> environment, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within 60 s: " + List.of(command));
    }
    return new Tool(process.exitValue(), output);
  }

  private record Tool(int status, String output) {}

  private static boolean installed(String program) throws Exception {
    return run(Map.of(), "sh", "-c", "command -v " + program).status() == 0;
  }

  /** Completes the words of a keyrun command line, the last one being completed, in bash. */
  private String bashCompletions(Path script, String... words) throws Exception {
    String line =
        "source \"$1\" 2>/dev/null; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
            + " _keyrun_complete 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    List<String> command = new ArrayList<>(List.of("bash", "-c", line, "bash", script.toString()));
    command.addAll(List.of(words));
    Tool bash = run(Map.of(), command.toArray(String[]::new));
    assertEquals(0, bash.status(), bash.output());
    return bash.output();
  }

  @Test
  void bashScriptRegistersFunction() throws Exception {
    Path script = script("bash");

    Tool bash =
        run(Map.of(), "bash", "-c", "source \"$1\" && complete -p keyrun", "bash", "" + script);

    assertEquals(0, bash.status(), bash.output());
    assertEquals("complete -o default -F _keyrun_complete keyrun\n", bash.output());
  }

  @Test
  void bashCompletesOptionAndSubcommand() throws Exception {
    Path script = script("bash");

    assertEquals("--env-file\n", bashCompletions(script, "keyrun", "--env"));
    assertEquals("completion\n", bashCompletions(script, "keyrun", "compl"));
    assertEquals("zsh\n", bashCompletions(script, "keyrun", "completion", "z"));
    assertEquals("--name\n", bashCompletions(script, "keyrun", "systemd", "unit", "--na"));
  }

  @Test
  void bashOffersNoOptionAfterDoubleDash() throws Exception {
    Path script = script("bash");

    assertFalse(bashCompletions(script, "keyrun", "--", "--env").contains("--env-file"));
    assertFalse(bashCompletions(script, "keyrun", "--", "ls", "--env").contains("--env-file"));
  }

  @Test
  void zshAcceptsScript() throws Exception {
    Assumptions.assumeTrue(installed("zsh"), "zsh is not installed");
    Path script = script("zsh");

    Tool syntax = run(Map.of(), "zsh", "-n", script.toString());
    assertEquals(0, syntax.status(), syntax.output());
    assertTrue(Files.readString(script).startsWith("#compdef keyrun\n"));
  }

  @Test
  void zshRegistersFromFpath() throws Exception {
    Assumptions.assumeTrue(installed("zsh"), "zsh is not installed");
    Path functions = Files.createDirectory(directory.resolve("site-functions"));
    Files.copy(script("zsh"), functions.resolve("_keyrun"));

    Tool zsh =
        run(
            Map.of("HOME", directory.toString()),
            "zsh",
            "-f",
            "-c",
            "fpath=(\"$1\" $fpath); autoload -U compinit && compinit -u -d \"$HOME/.zcompdump\";"
                + " print -r -- $_comps[keyrun]",
            "zsh",
            functions.toString());

    assertEquals(0, zsh.status(), zsh.output());
    assertEquals("_keyrun\n", zsh.output());
  }

  @Test
  void fishAcceptsScript() throws Exception {
    Assumptions.assumeTrue(installed("fish"), "fish is not installed");
    Path script = script("fish");

    Tool syntax = run(Map.of(), "fish", "-n", script.toString());
    assertEquals(0, syntax.status(), syntax.output());
  }

  @Test
  void fishCompletesOption() throws Exception {
    Assumptions.assumeTrue(installed("fish"), "fish is not installed");
    Path script = script("fish");
    String complete = "source $argv[1]; complete -C $argv[2]";

    Tool option = run(Map.of(), "fish", "-c", complete, script.toString(), "keyrun --env-f");
    assertEquals(0, option.status(), option.output());
    assertTrue(option.output().startsWith("--env-file\t"), option.output());

    Tool afterDash =
        run(Map.of(), "fish", "-c", complete, script.toString(), "keyrun -- ls --env-f");
    assertFalse(afterDash.output().contains("--env-file"), afterDash.output());
  }

  @Test
  void manPageRendersWithoutWarnings() throws Exception {
    Path page = manPage();
    if (installed("man")) {
      Tool man =
          run(
              Map.of("MANWIDTH", "80"),
              "sh",
              "-c",
              "man -l \"$1\" 2>&1 >/dev/null",
              "sh",
              "" + page);
      assertEquals("", man.output());
      assertEquals(0, man.status());
    } else {
      Assumptions.assumeTrue(installed("groff"), "neither man nor groff is installed");
      Tool groff = run(Map.of(), "groff", "-man", "-Tutf8", "-ww", "-z", page.toString());
      assertEquals("", groff.output());
      assertEquals(0, groff.status());
    }
  }

  @Test
  void unknownShellRejected() throws Exception {
    Keyrun.Result result = Keyrun.in(directory).args("completion", "tcsh").run();

    assertEquals(125, result.status());
    assertEquals("", result.stdout());
    assertEquals(
        "keyrun: keyrun completion: unknown shell (expected bash, zsh or fish)\n", result.stderr());
  }

  /**
   * Returns the installed page next to the installed launcher, PREFIX/share/man/man1/keyrun.1, or
   * else a page generated from the test class path.
   */
  private Path manPage() throws Exception {
    if (Keyrun.usesInstalledLauncher()) {
      Path launcher = Path.of(System.getProperty("keyrun.launcher")).toAbsolutePath();
      Path page = launcher.getParent().resolveSibling("share/man/man1/keyrun.1");
      assertTrue(Files.isRegularFile(page), "not installed: " + page);
      return page;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path page = directory.resolve("keyrun.1");
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), "dev.keyrun.cli.ManPage")
            .redirectOutput(page.toFile());
    assertEquals(0, builder.start().waitFor());
    return page;
  }
}
