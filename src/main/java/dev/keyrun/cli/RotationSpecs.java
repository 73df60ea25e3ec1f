package dev.keyrun.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line of {@code keyrun where} and {@code keyrun rotate}. */
final class RotationSpecs {
  private RotationSpecs() {}

  static void addTo(CommandSpec keyrun) {
    keyrun.addSubcommand("where", where());
    keyrun.addSubcommand("rotate", rotate());
  }

  private static CommandSpec where() {
    CommandSpec where = CommandSpecs.optionsAnywhere(CommandSpecs.command("where"));
    where
        .usageMessage()
        .description(
            "List the projects and systemd units whose keyrun runs used REFERENCE, from the"
                + " inventory in $XDG_STATE_HOME/keyrun (default: ~/.local/state/keyrun), with the"
                + " key names and the first and last day each was seen. A project whose file is"
                + " gone or no longer contains the reference is marked. Dates are UTC days.");
    where.addOption(CommandSpecs.format("text (default) or json (one object on one line)."));
    where.addPositional(
        CommandSpecs.reference("The entry, written as in the env files, such as dotenv:API_KEY."));
    return where;
  }

  private static CommandSpec rotate() {
    CommandSpec rotate = CommandSpecs.optionsAnywhere(CommandSpecs.command("rotate"));
    rotate
        .usageMessage()
        .description(
            "Replace the value of REFERENCE in its store (keychain://, secret-service://,"
                + " keyring://, dotenv: or systemd-creds://), record the day in the inventory,"
                + " and list the"
                + " projects and systemd units that use it. The value is read from stdin when"
                + " stdin is not a terminal, else from a prompt that does not echo; never from the"
                + " command line.");
    rotate.addOption(
        CommandSpecs.flag(
            CommandSpecs.RESTART,
            "Restart the systemd units that use the entry (systemctl restart, or systemctl"
                + " --user restart for user units), one line per unit. If any restart fails,"
                + " keyrun exits with an error after trying them all."));
    rotate.addOption(
        CommandSpecs.flag(
            CommandSpecs.RAW,
            "Store stdin byte for byte. By default one trailing newline is dropped."));
    rotate.addOption(
        CommandSpecs.flag(
            CommandSpecs.ALLOW_ANY_APP,
            "macOS Keychain only: let any application read the item without a prompt, as"
                + " keyrun set --allow-any-app does."));
    rotate.addOption(
        OptionSpec.builder(CommandSpecs.WITH_KEY)
            .paramLabel("KEY")
            .type(String.class)
            .description(
                "systemd-creds:// only: the key to encrypt with, as for keyrun systemd encrypt:"
                    + " auto (default: the TPM2 where present, else the host key), host, tpm2 or"
                    + " host+tpm2. The new value replaces the credential file that"
                    + " systemd-creds://NAME reads, in the first credential store that has it.")
            .build());
    rotate.addOption(
        CommandSpecs.timeout(
            "Give the store (systemd-creds included), and each systemctl restart, at most SECONDS"
                + " (default: 30)."));
    rotate.addPositional(CommandSpecs.reference("The entry to replace, such as dotenv:API_KEY."));
    return rotate;
  }
}
