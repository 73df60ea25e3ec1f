package dev.keyrun.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * keyrun's command line, built with picocli's programmatic API. Annotations would cost about 50 ms
 * on every start, because the JVM makes a dynamic proxy for each annotation type and sets fields
 * through reflection, and neither fits in the start-up cache.
 */
final class CommandSpecs {
  static final String ENV_FILE = "--env-file";
  static final String ONLY = "--only";
  static final String CLEAN_ENV = "--clean-env";
  static final String NO_OVERRIDE = "--no-override";
  static final String TIMEOUT = "--timeout";
  static final String NO_EXEC = "--no-exec";
  static final String AS_FILES = "--as-files";
  static final String FILE = "--file";
  static final String AS_ENV = "--as-env";
  static final String MEMFD = "--memfd";
  static final String MASK = "--mask";
  static final String NO_MASK = "--no-mask";
  static final String NO_NEWLINE = "-n";
  static final String ALLOW_ANY_APP = "--allow-any-app";
  static final String RAW = "--raw";
  static final String WITH_KEY = "--with-key";
  static final String OUTPUT = "--output";
  static final String UNIT_NAME = "--name";
  static final String KEYRUN_PATH = "--keyrun";
  static final String IN_FILE = "--in-file";
  static final String OUT_FILE = "--out-file";
  static final String LITERAL_NAMES = "--literal-names";
  static final String FORMAT = "--format";
  static final String PROFILE = "--profile";
  static final String MANIFEST = "--manifest";
  static final String RESTART = "--restart";
  static final int DEFAULT_TIMEOUT_SECONDS = 30;
  static final java.util.Set<String> LOGGING_OPTIONS = java.util.Set.of("--verbose", "--debug");

  private CommandSpecs() {}

  /** Builds the top-level command, which runs a command by default, with its subcommands. */
  static CommandSpec keyrun() {
    CommandSpec keyrun = withRunOptions(command("keyrun"));
    keyrun
        .usageMessage()
        .description(HelpText.DESCRIPTION)
        .footerHeading("%n")
        .footer(HelpText.FOOTER);
    keyrun
        .usageMessage()
        .customSynopsis(
            "keyrun [run] [OPTIONS] [--] COMMAND [ARGS...]",
            "       keyrun read [-n] [--timeout=SECONDS] REFERENCE",
            "       keyrun inject [-i TEMPLATE] [-o FILE] [--literal-names]",
            "       keyrun export [--env-file=FILE]... [--only=NAME,...] [--format=FORMAT]",
            "       keyrun set [--raw] [--allow-any-app] [--timeout=SECONDS] REFERENCE",
            "       keyrun delete [--timeout=SECONDS] REFERENCE",
            "       keyrun where [--format=text|json] REFERENCE",
            "       keyrun rotate [--restart] [--raw] [--allow-any-app] REFERENCE",
            "       keyrun systemd encrypt [--with-key=KEY] [--output=FILE] [--raw] NAME",
            "       keyrun systemd unit --name=UNIT [--env-file=FILE]... -- COMMAND [ARGS...]",
            "       keyrun import [FILE] --to=STORE [--apply] [--delete-backup] [--prefix=P]",
            "       keyrun init [--from=FILE] [--force]",
            "       keyrun config [--format=text|json] | keyrun config path",
            "       keyrun check [--profile=NAME] [--env-file=FILE]... [--format=text|json]",
            "       keyrun ls [--profile=NAME] [--env-file=FILE]... [--format=text|json]",
            "       keyrun doctor [--format=text|json] [--dir=DIR]",
            "       keyrun advise [--single-user|--shared-machine] [--format=text|json] ...",
            "       keyrun completion bash|zsh|fish");

    CommandSpec run = withRunOptions(command("run"));
    run.usageMessage()
        .description(
            "Run COMMAND with the secrets its manifest, env files and environment refer to.");
    keyrun.addSubcommand("run", run);
    keyrun.addSubcommand("read", read());
    keyrun.addSubcommand("inject", inject());
    keyrun.addSubcommand("export", export());
    keyrun.addSubcommand("set", set());
    keyrun.addSubcommand("delete", delete());
    RotationSpecs.addTo(keyrun);
    keyrun.addSubcommand("systemd", systemd());
    keyrun.addSubcommand("completion", completion());
    keyrun.addSubcommand("import", ImportCommand.spec());
    keyrun.addSubcommand("init", InitCommand.spec());
    keyrun.addSubcommand("config", ConfigCommand.spec());
    keyrun.addSubcommand("check", CheckCommand.spec());
    keyrun.addSubcommand("ls", ListCommand.spec());
    keyrun.addSubcommand("advise", AdviseCommand.spec());
    keyrun.addSubcommand("doctor", DoctorCommand.spec());
    return keyrun;
  }

  private static CommandSpec systemd() {
    CommandSpec systemd = command("systemd");
    systemd.usageMessage().description("Manage systemd credentials for keyrun.");
    CommandSpec encrypt = optionsAnywhere(command("encrypt"));
    encrypt
        .usageMessage()
        .description(
            "Encrypt a value with systemd-creds into /etc/credstore.encrypted/NAME, where"
                + " LoadCredentialEncrypted=NAME and systemd-creds://NAME find it. The value is"
                + " read from stdin when it is not a terminal, else from a prompt that does not"
                + " echo. Replacing an existing file records the day in the inventory, as keyrun"
                + " rotate does.");
    encrypt.addOption(
        OptionSpec.builder(WITH_KEY)
            .paramLabel("KEY")
            .type(String.class)
            .description(
                "auto (default: the TPM2 where present, so only this machine can decrypt, else"
                    + " the host key), host, tpm2 or host+tpm2.")
            .build());
    encrypt.addOption(
        OptionSpec.builder(OUTPUT)
            .paramLabel("FILE")
            .type(Path.class)
            .description("Write the encrypted credential to FILE instead.")
            .build());
    encrypt.addOption(
        flag(RAW, "Encrypt stdin byte for byte; by default one trailing newline is dropped."));
    encrypt.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("NAME")
            .arity("1")
            .required(true)
            .type(String.class)
            .description("The credential's name, as in LoadCredentialEncrypted=NAME.")
            .build());
    systemd.addSubcommand("encrypt", encrypt);
    systemd.addSubcommand("unit", unit());
    return systemd;
  }

  private static CommandSpec completion() {
    CommandSpec completion = command("completion");
    completion
        .usageMessage()
        .description(
            "Print a completion script for SHELL to stdout. bash: source it, or install it as"
                + " bash-completion/completions/keyrun. zsh: put it in a directory of $fpath as"
                + " _keyrun before compinit runs, or source it. fish: install it as"
                + " vendor_completions.d/keyrun.fish, or pipe it to source.");
    completion.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("SHELL")
            .completionCandidates(List.of("bash", "zsh", "fish"))
            .arity("1")
            .required(true)
            .type(String.class)
            .description("bash, zsh or fish.")
            .build());
    return completion;
  }

  private static CommandSpec set() {
    CommandSpec set = optionsAnywhere(command("set"));
    set.usageMessage()
        .description(
            "Store a value under REFERENCE in its store (keychain://, secret-service://,"
                + " keyring:// or dotenv:), replacing any value there. The value is read from"
                + " stdin when stdin is not a terminal, else from a prompt that does not echo;"
                + " never from the command line.");
    set.addOption(
        flag(
            RAW,
            "Store stdin byte for byte. By default one trailing newline is dropped, as echo and"
                + " here-documents add one."));
    set.addOption(
        flag(
            ALLOW_ANY_APP,
            "macOS Keychain only: let any application read the item without a prompt. Unattended"
                + " services and assistants need this; any program running as you can then read"
                + " it."));
    set.addOption(
        timeout(
            "Give the store at most SECONDS to respond (default: timeout in config.toml, else 30)."));
    set.addPositional(reference("The entry to write, such as keyring://openai/default."));
    return set;
  }

  private static CommandSpec delete() {
    CommandSpec delete = optionsAnywhere(command("delete"));
    delete.usageMessage().description("Remove the entry REFERENCE names from its store.");
    delete.addOption(
        timeout(
            "Give the store at most SECONDS to respond (default: timeout in config.toml, else 30)."));
    delete.addPositional(reference("The entry to remove, such as keyring://openai/default."));
    return delete;
  }

  private static CommandSpec unit() {
    CommandSpec unit = command("unit");
    unit.usageMessage()
        .description(
            "Print a drop-in for UNIT.service that loads every systemd-creds:// credential of the"
                + " manifest (with the chosen profile) and the env files with"
                + " LoadCredentialEncrypted= and starts COMMAND through keyrun with the same"
                + " --manifest, --profile and --env-file.");
    unit.addOption(
        OptionSpec.builder(UNIT_NAME)
            .paramLabel("UNIT")
            .type(String.class)
            .required(true)
            .description("The service's name, such as app for app.service.")
            .build());
    ProjectFiles.addTo(unit);
    unit.addOption(
        OptionSpec.builder(KEYRUN_PATH)
            .paramLabel("PATH")
            .type(Path.class)
            .description("The keyrun launcher to start (default: keyrun on PATH).")
            .build());
    unit.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("COMMAND")
            .arity("0..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description("The service's command and its arguments.")
            .build());
    return unit;
  }

  static PositionalParamSpec reference(String description) {
    return PositionalParamSpec.builder()
        .paramLabel("REFERENCE")
        .arity("1")
        .required(true)
        .type(String.class)
        .description(description)
        .build();
  }

  private static CommandSpec read() {
    CommandSpec read = optionsAnywhere(command("read"));
    read.usageMessage()
        .description("Print the value REFERENCE resolves to, followed by a newline.");
    read.addOption(flag(NO_NEWLINE, "Do not print the trailing newline."));
    read.addOption(
        timeout(
            "Give the store at most SECONDS to respond (default: timeout in config.toml, else 30)."));
    read.addPositional(reference("A reference such as dotenv:API_KEY."));
    return read;
  }

  private static CommandSpec inject() {
    CommandSpec inject = command("inject");
    inject
        .usageMessage()
        .description(
            "Copy a template, replacing each {{ REFERENCE }} with the value it resolves to,"
                + " inserted as is. op inject templates work unchanged. If any reference fails,"
                + " nothing is written.");
    inject.addOption(
        OptionSpec.builder("-i", IN_FILE)
            .paramLabel("TEMPLATE")
            .type(String.class)
            .description(
                "Read the template from TEMPLATE. Without -i, or with -i -, stdin is read.")
            .build());
    inject.addOption(
        OptionSpec.builder("-o", OUT_FILE)
            .paramLabel("FILE")
            .type(Path.class)
            .description("Write to FILE, replaced in one step with mode 600, instead of stdout.")
            .build());
    inject.addOption(
        flag(
            LITERAL_NAMES,
            "Keep {{ NAME }} with a bare name as it is, for templates of another language. By"
                + " default it is an error, as it is often a reference missing its scheme."));
    inject.addOption(
        timeout(
            "Give the stores at most SECONDS to respond (default: timeout in config.toml, else 30)."));
    return inject;
  }

  private static CommandSpec export() {
    CommandSpec export = command("export");
    export
        .usageMessage()
        .description(
            "Print the keys a run would pass, with their values, for eval \"$(keyrun export)\"."
                + " This prints secrets: keyrun warns on stderr when stdout is a terminal or the"
                + " caller looks like an AI assistant's shell.");
    ProjectFiles.addTo(export);
    export.addOption(keys(ONLY, "Print only these declared keys (comma-separated)."));
    export.addOption(
        format(
            "sh (default: export KEY='value'), fish (set -gx KEY 'value'), dotenv (keyrun's"
                + " .env dialect) or json (one object)."));
    export.addOption(
        timeout(
            "Give the stores at most SECONDS to resolve every reference (default: timeout in config.toml, else 30)."));
    return export;
  }

  private static CommandSpec withRunOptions(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-e", ENV_FILE)
            .paramLabel("FILE")
            .type(List.class)
            .auxiliaryTypes(Path.class)
            .description(
                "Read KEY=VALUE lines from FILE (repeatable; later files override earlier ones"
                    + " and the manifest). By default, the file named .env in the current"
                    + " directory is read if it exists and no keyrun.toml is found.")
            .build());
    ProjectOptions.addTo(spec);
    spec.addOption(
        OptionSpec.builder(ONLY)
            .paramLabel("NAME")
            .splitRegex(",")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description("Pass only these declared keys to the command (comma-separated).")
            .build());
    spec.addOption(
        flag(
            CLEAN_ENV,
            "Start the command from PATH, HOME, USER, LANG, LC_*, TERM, TZ and TMPDIR plus the"
                + " declared keys, instead of keyrun's whole environment."));
    spec.addOption(
        flag(NO_OVERRIDE, "Let inherited variables win over declared keys of the same name."));
    spec.addOption(
        timeout(
            "Give the stores at most SECONDS to resolve every reference (default: timeout in config.toml, else 30)."));
    spec.addOption(
        flag(
            NO_EXEC,
            "Keep keyrun running as the command's parent, forwarding signals, instead of replacing"
                + " itself with the command."));
    spec.addOption(
        flag(
            AS_FILES,
            "Deliver every key as a file (mode 400) in a private directory on a memory file"
                + " system: NAME_FILE holds each file's path, CREDENTIALS_DIRECTORY the"
                + " directory's, and NAME itself is not set. keyrun removes the directory when the"
                + " command ends."));
    spec.addOption(
        keys(FILE, "Deliver these keys as files, as --as-files does (comma-separated)."));
    spec.addOption(
        keys(
            AS_ENV,
            "Set these keys as environment variables too (comma-separated); for values from"
                + " systemd credentials, which are files by default, instead."));
    spec.addOption(
        flag(
            MEMFD,
            "Linux, when keyrun can replace itself with the command (terminals or --no-mask):"
                + " make the files memory descriptors, named /proc/PID/fd/N, so nothing is left to"
                + " remove. No CREDENTIALS_DIRECTORY is set. Otherwise the files go to a private"
                + " directory as usual."));
    spec.addOption(
        flag(
            MASK,
            "Mask secret values in stdout and stderr even when they are terminals. When stdin,"
                + " stdout and stderr are all terminals, the command gets a pseudo-terminal. By"
                + " default only streams that are not terminals are masked, unless mask is set in"
                + " config.toml."));
    spec.addOption(flag(NO_MASK, "Do not mask secret values in the command's output."));
    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("COMMAND")
            .arity("0..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description("The command to run, and its arguments.")
            .build());
    return spec;
  }

  /**
   * Lets options follow the positional parameters, as in {@code keyrun read REF -n}, for a command
   * that starts no other command and so has no arguments of its own to pass on.
   */
  static CommandSpec optionsAnywhere(CommandSpec spec) {
    spec.parser().stopAtPositional(false);
    return spec;
  }

  /** Creates a command with the options every keyrun command has. */
  static CommandSpec command(String name) {
    CommandSpec spec = CommandSpec.create().name(name).version(HelpText.version());
    spec.parser().stopAtPositional(true);
    // picocli would replace an @FILE argument with the file's words, even after "--", so that
    // "keyrun -- curl -d @body.json" changed the command and "keyrun @store.env" printed a value.
    spec.parser().expandAtFiles(false);
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    spec.addOption(
        flag("-v", "--verbose", "Log keys, stores and timings to stderr (never values)."));
    spec.addOption(flag("--debug", "Like --verbose, and add stack traces to errors."));
    return spec;
  }

  private static OptionSpec keys(String name, String description) {
    return OptionSpec.builder(name)
        .paramLabel("NAME")
        .splitRegex(",")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .description(description)
        .build();
  }

  /** Returns the {@code --format FORMAT} option with {@code description}. */
  static OptionSpec format(String description) {
    return OptionSpec.builder(FORMAT)
        .paramLabel("FORMAT")
        .type(String.class)
        .description(description)
        .build();
  }

  static OptionSpec timeout(String description) {
    return OptionSpec.builder(TIMEOUT)
        .paramLabel("SECONDS")
        .type(int.class)
        .defaultValue(String.valueOf(DEFAULT_TIMEOUT_SECONDS))
        .description(description)
        .build();
  }

  static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).type(boolean.class).description(description).build();
  }

  private static OptionSpec flag(String shortName, String longName, String description) {
    return OptionSpec.builder(shortName, longName)
        .type(boolean.class)
        .description(description)
        .build();
  }
}
