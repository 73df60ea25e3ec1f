package dev.keyrun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top-level command: {@code keyrun [run] [options] -- COMMAND [ARGS...]}. */
@Command(
    name = "keyrun",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {RunCommand.class, ReadCommand.class},
    synopsisSubcommandLabel = "[run | read]",
    description = {
      "Run a command with its secrets injected.",
      "",
      "An env file holds KEY=VALUE lines whose values are plain values or references to the"
          + " store that holds the secret. keyrun resolves every reference, then replaces itself"
          + " with the command, which sees the values as environment variables. Variables of"
          + " keyrun's own environment that hold references are resolved too."
    },
    footerHeading = "%n",
    footer = {
      "References:",
      "  dotenv:KEY, dotenv:/path/store.env#KEY   a plaintext store file of mode 600",
      "                                           (default: $KEYRUN_DOTENV_STORE,"
          + " else ~/.config/keyrun/secrets.env)",
      "  env://NAME                               a variable of keyrun's environment",
      "  file:///path                             the bytes of a whole file",
      "",
      "Exit status: the command's own; 128+N when signal N killed it; 125 when keyrun failed"
          + " (bad flag, file, reference or store); 126 when the command cannot be executed;"
          + " 127 when it is not found.",
      "",
      "Examples:",
      "  keyrun -- python3 app.py",
      "  keyrun --env-file prod.env --only DATABASE_URL -- ./migrate",
      "  keyrun read dotenv:OPENAI_API_KEY"
    })
final class KeyrunCommand implements Callable<Integer> {
  @Mixin RunOptions options;
  @Mixin LoggingOptions logging;

  @Override
  public Integer call() {
    return RunCommand.run(options);
  }
}
