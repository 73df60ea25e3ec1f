package dev.keyrun.launch;

import dev.keyrun.terminal.PtyCommand;
import dev.keyrun.terminal.PtySession;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the child on a pseudo-terminal, so that it still sees a terminal while keyrun filters what
 * it prints: its stdout and stderr both reach the pseudo-terminal, as on any terminal, and keyrun
 * copies that through the stdout filter to its own stdout.
 */
final class TerminalChild {
  private TerminalChild() {}

  /** Runs {@code command} and returns a wait status that carries the session's exit status. */
  static int run(List<String> command, Map<String, byte[]> environment, Supervision supervision) {
    Path program = CommandLocator.locate(command.get(0), environment).toAbsolutePath();
    PtyCommand pty = new PtyCommand(program, command.subList(1, command.size()), text(environment));
    OutputStream output = supervision.stdout().apply(new StandardStream(FileDescriptor.out));

    SignalForwarder forwarder = Launcher.armedForwarder();
    int status;
    try (PtySession session = PtySession.start(pty, output)) {
      forwarder.onWindowChange(session::resize);
      forwarder.attach(session.pid());
      supervision.started().accept(session.pid());
      status = session.waitFor();
      forwarder.detach();
    }
    finish(output);

    // The session reports a death by signal N as 128+N, which an exit with that code looks like
    // too, so keyrun exits with the status rather than ending itself by a signal.
    return (status & 0xff) << 8;
  }

  /** Writes out what the filter held back at the end of the output. */
  private static void finish(OutputStream output) {
    try {
      output.flush();
      output.close();
    } catch (IOException e) {
      // The terminal has gone, so the held-back bytes have nowhere to go.
    }
  }

  /** Decodes the environment for pty4j, which takes strings; invalid UTF-8 becomes U+FFFD. */
  private static Map<String, String> text(Map<String, byte[]> environment) {
    Map<String, String> decoded = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> decoded.put(name, new String(value, StandardCharsets.UTF_8)));
    return decoded;
  }
}
