package dev.keyrun.advise;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses where keys should live from the three replies and the tools present. An internet-facing
 * machine decides first, then keys shared across machines, then a shared machine.
 */
public final class Advisor {
  static final String TOKEN_REFERENCE = "keyring://op/service-account";

  private Advisor() {}

  /** Returns the recommendation for the replies, using the tools installed on this machine. */
  public static Recommendation recommend(
      boolean sharedMachine,
      boolean manyMachines,
      boolean internetFacing,
      boolean onePassword,
      boolean keyring) {
    if (internetFacing) {
      return server(manyMachines);
    }
    if (manyMachines) {
      return manyMachines(onePassword, keyring);
    }
    if (sharedMachine) {
      return sharedMachine(keyring);
    }
    return laptop(keyring);
  }

  private static Recommendation server(boolean manyMachines) {
    List<String> why = new ArrayList<>();
    why.add(
        "environment variables leak through /proc/PID/environ, crash dumps and every child"
            + " process, so the service gets each key as a file in $CREDENTIALS_DIRECTORY");
    why.add(
        "systemd-creds encrypts each file with the TPM2 where present, so a copy of the disk is not enough");
    List<String> steps = new ArrayList<>();
    if (manyMachines) {
      why.add("keys shared with other machines keep their master copy in 1Password");
      steps.add("keyrun read op://VAULT/ITEM/FIELD | keyrun systemd encrypt NAME");
    } else {
      steps.add("keyrun systemd encrypt NAME");
    }
    steps.add("add NAME = \"systemd-creds://NAME\" under [profiles.server] in keyrun.toml");
    steps.add("keyrun systemd unit --name APP --profile server -- CMD");
    steps.add("do not pass keys as environment variables, so leave out --as-env");
    return new Recommendation(
        "server",
        "systemd credentials in /etc/credstore.encrypted",
        "files in $CREDENTIALS_DIRECTORY (NAME_FILE holds the path), not environment variables",
        "--mask, so a value the service prints does not reach the journal",
        why,
        steps);
  }

  private static Recommendation manyMachines(boolean onePassword, boolean keyring) {
    List<String> why = new ArrayList<>();
    why.add("one copy of each key in 1Password makes a rotation one change for every machine");
    List<String> steps = new ArrayList<>();
    if (!onePassword) {
      why.add("the 1Password CLI (op) is not on PATH, so install it first");
      steps.add("install the 1Password CLI (op) and put it on PATH");
    }

    String token = TOKEN_REFERENCE;
    if (keyring) {
      why.add("the service account token stays in the OS keyring, never in a file");
      steps.add("keyrun set " + TOKEN_REFERENCE);
    } else {
      token = "dotenv:OP_SERVICE_ACCOUNT_TOKEN";
      why.add(
          "no keyring was found, so the service account token goes to the mode 600 dotenv store");
      steps.add("keyrun set " + token);
    }
    steps.add("add service-account-token = \"" + token + "\" under [op] in config.toml");
    steps.add("keyrun import .env --to op --vault VAULT --apply");
    return new Recommendation(
        "many-machines",
        "1Password, with the service account token in "
            + (keyring ? "the OS keyring" : "a mode 600 dotenv store"),
        "environment variables of the command that keyrun starts",
        "auto (the default: output that is not a terminal is masked)",
        why,
        steps);
  }

  private static Recommendation sharedMachine(boolean keyring) {
    List<String> why = new ArrayList<>();
    why.add(
        "other accounts and code from unknown sources can read files that your account can read");
    List<String> steps = new ArrayList<>();
    String store;
    if (keyring) {
      why.add("the OS keyring encrypts the values and unlocks them only in your session");
      store = "the OS keyring";
      steps.add("keyrun import .env --to keyring --apply");
    } else {
      why.add(
          "no keyring was found, so the mode 600 dotenv store is the best place on this machine; a central secrets manager is better if your team runs one");
      store = "the dotenv store, mode 600";
      steps.add("keyrun import .env --to dotenv --apply");
      steps.add("chmod 600 ~/.config/keyrun/secrets.env");
    }
    steps.add("keyrun --only NAME -- CMD, so each command gets only the keys it needs");
    return new Recommendation(
        "shared-machine",
        store,
        "environment variables, limited with --only",
        "--mask, so values are masked on terminals too",
        why,
        steps);
  }

  private static Recommendation laptop(boolean keyring) {
    List<String> why = new ArrayList<>();
    // advise reads files only, and whether the disk is encrypted takes fdesetup on macOS, so it is
    // stated as a condition, and keyrun doctor's disk-encryption check finds it out.
    why.add(
        "with one user, the OS keyring or a mode 600 .env is enough if the disk is encrypted, which"
            + " advise does not check: keyrun doctor does");
    why.add("the real risks are a .env committed to git and plaintext keys in backups");
    List<String> steps = new ArrayList<>();
    if (keyring) {
      steps.add("keyrun import .env --to keyring --apply");
    } else {
      steps.add("keyrun import .env --to dotenv --apply");
      steps.add("chmod 600 ~/.config/keyrun/secrets.env");
    }
    steps.add("keyrun -- CMD");
    steps.add(
        "keyrun doctor, whose disk-encryption check tells whether the disk is encrypted; if it is"
            + " not, encrypt it (FileVault, LUKS), because a stolen disk gives away the values");
    return new Recommendation(
        "laptop",
        keyring ? "the OS keyring" : "the dotenv store, mode 600",
        "environment variables of the command that keyrun starts",
        "auto (the default: output that is not a terminal is masked)",
        why,
        steps);
  }
}
