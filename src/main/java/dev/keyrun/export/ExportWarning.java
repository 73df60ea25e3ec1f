package dev.keyrun.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether {@code keyrun export} warns that the values it prints may be seen: when stdout is
 * a terminal, or when an AI assistant's shell runs keyrun.
 *
 * <p>An assistant's shell is recognised by stdin not being a terminal together with a variable that
 * assistants set in the shells they start: {@code CLAUDECODE} (Claude Code), {@code GEMINI_CLI}
 * (Gemini CLI), {@code CURSOR_AGENT} (Cursor's agent), {@code CODEX_SANDBOX_NETWORK_DISABLED} or
 * {@code CODEX_SANDBOX} (Codex, inside its sandbox), and {@code AI_AGENT}, a name some tools set
 * for any agent. The check is a heuristic: an assistant that sets none of these, such as Codex
 * outside its sandbox, goes unnoticed.
 */
public final class ExportWarning {
  static final List<String> ASSISTANT_VARIABLES =
      List.of(
          "CLAUDECODE",
          "GEMINI_CLI",
          "CURSOR_AGENT",
          "CODEX_SANDBOX_NETWORK_DISABLED",
          "CODEX_SANDBOX",
          "AI_AGENT");

  private ExportWarning() {}

  /**
   * Returns the warning to print on stderr, if any.
   *
   * @param stdinTerminal whether stdin is a terminal
   * @param stdoutTerminal whether stdout is a terminal
   * @param environment keyrun's environment
   */
  public static Optional<String> decide(
      boolean stdinTerminal, boolean stdoutTerminal, Map<String, byte[]> environment) {
    if (stdoutTerminal) {
      return Optional.of(
          "keyrun: warning: secret values are printed on this terminal; to load them into a"
              + " shell, run: eval \"$(keyrun export)\"");
    }
    if (stdinTerminal) {
      return Optional.empty();
    }
    for (String name : ASSISTANT_VARIABLES) {
      byte[] value = environment.get(name);
      if (value != null && value.length > 0) {
        return Optional.of(
            "keyrun: warning: secret values are printed to a program that looks like an AI"
                + " assistant's shell ("
                + name
                + " is set), which may read or log them");
      }
    }
    return Optional.empty();
  }
}
