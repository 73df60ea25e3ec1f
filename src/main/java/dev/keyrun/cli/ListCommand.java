package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.check.KeyAge;
import dev.keyrun.check.KeyListing;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.inventory.Days;
import dev.keyrun.inventory.Inventory;
import dev.keyrun.project.Project;
import dev.keyrun.reference.Reference;
import dev.keyrun.run.DeclaredKeys;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun ls}: lists the keys of the project with their references, stores and the age of
 * their values, from the inventory that runs and rotations keep. It reads no store, so it is quick
 * and never prints a value.
 */
final class ListCommand {
  private final Services services = new Services();
  private final PrintStream stdout;
  private final PrintStream stderr;

  ListCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static CommandSpec spec() {
    CommandSpec ls = CommandSpecs.command("ls");
    ls.usageMessage()
        .description(
            "List the keys of the project (keyrun.toml with the active profile, and the env"
                + " files) with their references, their stores and the age of their values: days"
                + " since keyrun rotate, or at least the days since a run first used them. Keys"
                + " older than max-age-days (the key's, else rotation.max-age-days in config.toml,"
                + " else 90) are marked due for rotation. Reads no store and prints no value.");
    ProjectFiles.addTo(ls);
    ls.addOption(CommandSpecs.format("text (default: a table) or json (one object)."));
    return ls;
  }

  int list(ParseResult parsed) {
    boolean json = ProjectFiles.jsonFormat(parsed);
    Optional<Project> project =
        ProjectOptions.find(parsed, services.environment(), services.config());
    List<DeclaredKeys.Key> keys = ProjectFiles.keys(parsed, project, services.environment());

    Inventory inventory = WhereCommand.read(services);
    LocalDate today = LocalDate.parse(Days.today());
    List<KeyListing.Row> rows = new ArrayList<>();
    for (DeclaredKeys.Key key : keys) {
      rows.add(row(key, inventory, today));
    }
    KeyListing listing = new KeyListing(rows, today);

    stdout.print(json ? listing.json() : listing.text());
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed("stdout", "writing the list failed", null);
    }
    long stale = listing.stale();
    if (stale > 0) {
      stderr.println(
          "keyrun: ls: "
              + stale
              + (stale == 1 ? " key is" : " keys are")
              + " due for rotation: keyrun rotate REFERENCE replaces a value");
    }
    return 0;
  }

  private KeyListing.Row row(DeclaredKeys.Key key, Inventory inventory, LocalDate today) {
    List<String> references = new ArrayList<>();
    List<String> stores = new ArrayList<>();
    key.value()
        .ifPresent(
            value -> {
              for (Piece piece : value.pieces()) {
                if (piece.reference()) {
                  references.add(piece.text());
                  stores.add(storeName(piece.text()));
                }
              }
            });

    int maxAgeDays = key.maxAgeDays().orElse(services.config().rotationMaxAgeDays());
    KeyAge age = KeyAge.of(references, inventory, today, maxAgeDays);
    return new KeyListing.Row(
        key.name(),
        key.value().isPresent(),
        references,
        stores,
        key.required(),
        key.description(),
        age);
  }

  private String storeName(String text) {
    Reference reference = Reference.parse(text).orElseThrow();
    return services
        .registry()
        .forScheme(reference.scheme())
        .map(backend -> backend.info().name())
        .orElse(reference.scheme().prefix() + " (no store in this build)");
  }
}
