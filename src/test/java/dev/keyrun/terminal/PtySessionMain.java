package dev.keyrun.terminal;

import dev.keyrun.KeyrunException;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command in a {@link PtySession} on this JVM's real standard input and output, for tests
 * that need a separate process: {@code PtySessionMain [--report-terminal] PROGRAM [ARG...]}.
 *
 * <p>With {@code --report-terminal} it prints {@code stty -a} of its own terminal before and after
 * the session, between marker lines, and passes the terminal's path to the command as {@code
 * KEYRUN_TEST_HOST_TTY}. With {@code --exit-during} it calls System.exit(3) while the command runs,
 * leaving the terminal to the shutdown hook. Otherwise it prints {@code status=N} after the session
 * and exits with N. A start failure prints keyrun's message and hint on stderr and exits with the
 * failure's status.
 */
public final class PtySessionMain {
  static final String BEFORE = "=== terminal before";
  static final String DURING = "=== session";
  static final String AFTER = "=== terminal after";

  private PtySessionMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    // keyrun's start-up loads JNA through Posix, which empties JNA's system search path.
    Posix.isTerminal(0);

    boolean report = args[0].equals("--report-terminal");
    boolean exitDuring = args[0].equals("--exit-during");
    int firstWord = report || exitDuring ? 1 : 0;
    List<String> command = Arrays.asList(args).subList(firstWord, args.length);
    Map<String, String> environment = new HashMap<>(System.getenv());
    if (report) {
      environment.put("KEYRUN_TEST_HOST_TTY", hostTerminalPath());
      printTerminal(BEFORE);
    }

    System.out.println(DURING);
    int status;
    try {
      PtyCommand ptyCommand =
          new PtyCommand(Path.of(command.get(0)), command.subList(1, command.size()), environment);
      PtySession session = PtySession.start(ptyCommand, System.out);
      if (exitDuring) {
        Thread.sleep(500);
        System.exit(3);
      }
      status = session.waitFor();
    } catch (KeyrunException e) {
      System.err.println("keyrun: " + e.getMessage());
      System.err.println("hint: " + e.hint());
      System.exit(e.exitCode());
      return;
    }

    System.out.println("status=" + status);
    if (report) {
      printTerminal(AFTER);
    }
    System.exit(status);
  }

  private static String hostTerminalPath() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
  }

  private static void printTerminal(String marker) throws IOException, InterruptedException {
    Process stty =
        new ProcessBuilder("stty", "-a")
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectErrorStream(true)
            .start();
    String settings = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    stty.waitFor();
    System.out.println(marker);
    System.out.print(settings);
    System.out.flush();
  }
}
