package dev.keyrun.cli;

/** The prose of {@code keyrun --help} and {@code --version}. */
final class HelpText {
  static final String[] DESCRIPTION = {
    "Run a command with its secrets injected.",
    "",
    "An env file holds KEY=VALUE lines whose values are plain values or references to the store"
        + " that holds the secret. keyrun resolves every reference, then starts the command,"
        + " which sees the values as environment variables, or as files with --as-files."
        + " Variables of keyrun's own environment that hold references are resolved too.",
    "",
    "A project can declare its keys in keyrun.toml, which keyrun finds in the current directory"
        + " or a parent; --profile (or KEYRUN_PROFILE) chooses where the values live on this"
        + " machine. With a manifest, ./.env is read only when named with --env-file.",
    "",
    "When the command's stdout or stderr is not a terminal, keyrun masks every secret value"
        + " written there as <concealed by keyrun>, and stays as the command's parent to do it;"
        + " otherwise it replaces itself with the command.",
    "",
    "Each run records which env files and systemd units use which references, never values, in"
        + " $XDG_STATE_HOME/keyrun (default: ~/.local/state/keyrun), so that keyrun where lists"
        + " who uses a secret and keyrun rotate replaces it and restarts its units."
  };

  static final String[] FOOTER = {
    "References:",
    "  dotenv:KEY              a key of the store file $KEYRUN_DOTENV_STORE or",
    "                          dotenv.store of config.toml, else",
    "                          $XDG_CONFIG_HOME/keyrun/secrets.env or",
    "                          ~/.config/keyrun/secrets.env (mode 600 required)",
    "  dotenv:/path/file#KEY   a key of another store file (mode 600 required)",
    "  keyring://SERVICE[/ACCOUNT]",
    "                          the keyring of this machine: the macOS Keychain on",
    "                          macOS, the Secret Service on Linux",
    "  keychain://SERVICE[/ACCOUNT]",
    "                          a generic password of the macOS Keychain",
    "  secret-service://SERVICE[/ACCOUNT]",
    "                          an item of GNOME Keyring, KeePassXC or KWallet",
    "  op://VAULT/ITEM/FIELD   a field in 1Password, through the op CLI",
    "  systemd-creds://NAME    $CREDENTIALS_DIRECTORY/NAME inside a unit, else the",
    "                          credential stores (/run/credstore, /etc/credstore,",
    "                          and their .encrypted forms)",
    "  env://NAME              a variable of keyrun's own environment",
    "  file:///path            the bytes of a whole file",
    "",
    "Configuration: the file config.toml in $XDG_CONFIG_HOME/keyrun, else in ~/.config/keyrun,"
        + " sets this machine's defaults: the dotenv store, the store behind keyring://, the"
        + " 1Password token reference, --timeout, masking and more. An option beats an"
        + " environment variable (KEYRUN_*), which beats the file. keyrun config shows each"
        + " setting, its value and its source.",
    "",
    "Exit status: the command's own; 128+N when signal N killed it; 125 when keyrun failed (bad"
        + " flag, file, reference or store); 126 when the command cannot be executed; 127 when it"
        + " is not found. The management commands (init, config, import, where, rotate, ls,"
        + " check) exit with 2 where keyrun would exit with 125.",
    "",
    "Examples:",
    "  keyrun -- python3 app.py",
    "  keyrun --as-files -- ./server",
    "  keyrun --env-file prod.env --only DATABASE_URL -- ./migrate",
    "  keyrun set keyring://openai/default",
    "  keyrun where dotenv:OPENAI_API_KEY",
    "  keyrun rotate --restart keyring://openai/default",
    "  keyrun read dotenv:OPENAI_API_KEY",
    "  keyrun config",
    "  keyrun inject -i config.tpl -o config.yaml",
    "  eval \"$(keyrun export --only DATABASE_URL)\""
  };

  private HelpText() {}

  /** Returns the lines of {@code --version}; the version comes from the jar's manifest. */
  static String[] version() {
    String version = HelpText.class.getPackage().getImplementationVersion();
    return new String[] {
      "keyrun " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
