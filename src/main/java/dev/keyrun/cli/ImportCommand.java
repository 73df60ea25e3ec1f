package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.files.XdgBaseDirectory;
import dev.keyrun.importing.ImportRequest;
import dev.keyrun.importing.ImportTargets;
import dev.keyrun.run.DeclaredValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code keyrun import FILE --to STORE}: moves an env file's plain values into a store. */
final class ImportCommand {
  private static final String TO = "--to";
  private static final String APPLY = "--apply";
  private static final String DELETE_BACKUP = "--delete-backup";
  private static final String PREFIX = "--prefix";
  private static final String SERVICE = "--service";
  private static final String VAULT = "--vault";
  private static final String CREDSTORE = "--credstore";
  private static final String KEEP = "--keep";
  private static final Pattern PREFIX_TEXT = Pattern.compile("[A-Za-z0-9_.-]*");

  private final Services services = new Services();
  private final PrintStream stdout;
  private final PrintStream stderr;

  ImportCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int run(ParseResult parsed) {
    Path file = parsed.matchedPositionalValue(0, Path.of(".env"));
    boolean apply = parsed.hasMatchedOption(APPLY);
    boolean deleteBackup = parsed.hasMatchedOption(DELETE_BACKUP);
    String store = parsed.matchedOptionValue(TO, null);
    if (store == null && (apply || !deleteBackup)) {
      throw KeyrunException.failed(
          TO, "missing", "name the store to move values into: " + ImportTargets.NAMES);
    }
    String prefix = parsed.matchedOptionValue(PREFIX, "");
    if (!PREFIX_TEXT.matcher(prefix).matches()) {
      throw KeyrunException.failed(
          PREFIX, "may contain only letters, digits, '_', '.' and '-'", "such as --prefix MYAPP_");
    }

    Set<String> keep = new LinkedHashSet<>(List.of(parsed.matchedOptionValue(KEEP, new String[0])));
    if (keep.contains("")) {
      throw KeyrunException.failed(KEEP, "contains an empty name", "such as --keep LOG_LEVEL,PORT");
    }

    Duration timeout = services.timeout(parsed);
    ImportRequest request = new ImportRequest(file, apply, deleteBackup, prefix, keep);
    ImportTargets.Target target =
        new ImportTargets.Target(
            store,
            parsed.matchedOptionValue(SERVICE, null),
            parsed.matchedOptionValue(VAULT, null),
            parsed.matchedOptionValue(CREDSTORE, null));
    return ImportTargets.service(
            request,
            target,
            services.registry(),
            services.storeContext(timeout),
            timeout,
            XdgBaseDirectory.STATE.resolve(services.environment(), services.home()),
            path -> resolve(path, timeout),
            stdout,
            stderr)
        .run();
  }

  private Map<String, byte[]> resolve(Path file, Duration timeout) {
    return DeclaredValues.resolve(
        services.registry(),
        services.environment(),
        services.home(),
        services.config().storeSettings(),
        Optional.empty(),
        List.of(file),
        Set.of(),
        timeout);
  }

  /** Builds the command line of {@code keyrun import}. */
  static CommandSpec spec() {
    CommandSpec spec = CommandSpecs.command("import");
    spec.parser().stopAtPositional(false);
    spec.usageMessage()
        .description(
            "Move the plain values of an env file into a store and replace each with its"
                + " reference. Without --apply, print the plan and change nothing. With --apply,"
                + " first write a backup of FILE (mode 600) to $XDG_STATE_HOME/keyrun/backups"
                + " (default ~/.local/state/keyrun/backups), then store the values, then replace"
                + " FILE. References, empty values, values that use $${NAME} and the keys --keep names stay"
                + " as they are."
                + " No value is printed.");

    spec.addOption(
        option(
            TO,
            "STORE",
            String.class,
            "Where the values go: dotenv (the dotenv store file), keyring, secret-service,"
                + " keychain, op (1Password) or systemd-creds."));
    spec.addOption(flag(APPLY, "Make the changes; without it nothing changes."));
    spec.addOption(
        flag(
            DELETE_BACKUP,
            "Delete the backups of FILE, after checking that FILE resolves to the same values"
                + " as each of them."));
    spec.addOption(
        option(
            PREFIX,
            "TEXT",
            String.class,
            "Put TEXT before each name in the store, such as MYAPP_, to keep apart keys of the"
                + " same name from several projects."));
    spec.addOption(
        OptionSpec.builder(KEEP)
            .paramLabel("NAME")
            .type(String[].class)
            .splitRegex(",")
            .description(
                "Leave the plain values of these keys in FILE, neither stored nor rewritten, for"
                    + " settings that are not secret such as LOG_LEVEL or PORT. Each NAME must be"
                    + " assigned in FILE.")
            .build());

    spec.addOption(
        option(
            SERVICE,
            "NAME",
            String.class,
            "The keyring service of the references (default: the name of FILE's directory)."));
    spec.addOption(
        option(VAULT, "VAULT", String.class, "The 1Password vault to create items in (op only)."));
    spec.addOption(
        option(
            CREDSTORE,
            "DIR",
            Path.class,
            "The directory for encrypted credentials (systemd-creds only; default"
                + " /etc/credstore.encrypted). Its name must end in .encrypted."));
    spec.addOption(
        OptionSpec.builder(CommandSpecs.TIMEOUT)
            .paramLabel("SECONDS")
            .type(int.class)
            .defaultValue(String.valueOf(CommandSpecs.DEFAULT_TIMEOUT_SECONDS))
            .description("Give each store call at most SECONDS (default: 30).")
            .build());

    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("FILE")
            .arity("0..1")
            .type(Path.class)
            .description("The env file to import (default: .env).")
            .build());
    return spec;
  }

  private static OptionSpec option(String name, String label, Class<?> type, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
  }

  private static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).type(boolean.class).description(description).build();
  }
}
