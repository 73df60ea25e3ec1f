package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import java.io.PrintStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun completion SHELL}: prints a completion script built from {@link
 * CommandSpecs#keyrun()}, so the script lists exactly the options the parser accepts.
 */
final class CompletionCommand {
  private CompletionCommand() {}

  static int print(ParseResult parsed, PrintStream stdout) {
    String shell = parsed.matchedPositionalValue(0, "");
    stdout.print(script(shell, CommandSpecs.keyrun()));
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed(
          "stdout", "writing the completion script failed", "check where the output goes");
    }
    return 0;
  }

  /** Returns the completion script for {@code shell} (bash, zsh or fish) and {@code spec}. */
  static String script(String shell, CommandSpec spec) {
    switch (shell) {
      case "bash":
        return bash(spec);
      case "zsh":
        return zsh(spec);
      case "fish":
        return FishCompletion.script(spec);
      default:
        // The value is not repeated: a mistyped argument may be a pasted secret.
        throw KeyrunException.failed(
            "keyrun completion", "unknown shell (expected bash, zsh or fish)", null);
    }
  }

  /**
   * Bash functions appended to picocli's script. picocli 4.7's {@code _complete_keyrun} still
   * offers keyrun's options after {@code --}, where the words belong to the user's command. The
   * wrapper completes those words as that command's own, through bash-completion's {@code
   * _command_offset} where it is loaded, else as command names and then file names.
   */
  private static final String AFTER_DOUBLE_DASH =
      """

      # Words after "--" belong to the user's command, so keyrun's options are not offered there.
      function _%1$s_complete() {
        local i
        for (( i = 1; i < COMP_CWORD; i++ )); do
          if [ "${COMP_WORDS[i]}" = "--" ]; then
            if type _command_offset >/dev/null 2>&1; then
              _command_offset $((i + 1))
            elif [ $((i + 1)) -eq "$COMP_CWORD" ]; then
              COMPREPLY=( $(compgen -c -- "${COMP_WORDS[COMP_CWORD]}") )
            else
              COMPREPLY=()  # -o default then completes file names
            fi
            return 0
          fi
        done
        _complete_%1$s "$@"
      }
      complete -F _%1$s_complete -o default %1$s
      """;

  /**
   * A no-op {@code compopt} for zsh. picocli's script aliases it to {@code complete}, but an alias
   * does not reach functions parsed before it was defined, which happens when zsh loads the whole
   * file as the body of {@code _keyrun}, and bashcompinit's {@code complete} rejects the call
   * without command names anyway. compopt only tunes how bash quotes file names.
   */
  private static final String ZSH_COMPOPT =
      """
      if [ -n "$ZSH_VERSION" ] && ! whence compopt >/dev/null; then
        function compopt() { return 0; }
      fi
      """;

  private static String bash(CommandSpec spec) {
    String name = spec.name();
    return AutoComplete.bash(name, new CommandLine(spec)) + String.format(AFTER_DOUBLE_DASH, name);
  }

  /**
   * Returns picocli's bash script, which zsh runs through bashcompinit, made loadable from $fpath.
   * compinit registers a file of $fpath by its {@code #compdef} line and runs it as the body of
   * {@code _keyrun} on the first TAB. That run defines picocli's functions and replaces the
   * registration through bashcompinit's {@code complete}, and then has to answer the TAB it was
   * called for.
   */
  private static String zsh(CommandSpec spec) {
    String name = spec.name();
    return "#compdef "
        + name
        + "\n"
        + ZSH_COMPOPT
        + bash(spec)
        + "\n# Loaded from $fpath as the function _"
        + name
        + ": complete the current word too.\n"
        + "if [ -n \"$ZSH_VERSION\" ] && [ \"${funcstack[1]}\" = _"
        + name
        + " ]; then\n"
        + "  _bash_complete -F _"
        + name
        + "_complete -o default\n"
        + "fi\n";
  }
}
