package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.files.Failures;
import dev.keyrun.inventory.Consumers;
import dev.keyrun.inventory.Inventory;
import dev.keyrun.inventory.InventoryFile;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.ParseResult;

/** {@code keyrun where REF}: lists the projects and systemd units that use a store entry. */
final class WhereCommand {
  private final Services services = new Services();
  private final PrintStream stdout;

  WhereCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  int where(ParseResult parsed) {
    String format = ProjectFiles.jsonFormat(parsed) ? "json" : "text";
    Reference reference =
        Reference.require(
            parsed.matchedPositionalValue(0, ""), "write it as in your env file: dotenv:API_KEY");

    Consumers consumers = Consumers.of(read(services), reference.toString());
    stdout.print(
        "json".equals(format) ? ConsumerReport.json(consumers) : ConsumerReport.text(consumers));
    if (stdout.checkError()) {
      throw KeyrunException.failed("stdout", "writing the list failed", null);
    }
    return 0;
  }

  /** Reads the user's inventory, failing with a message that names the file. */
  static Inventory read(Services services) {
    InventoryFile file = InventoryFile.of(services.environment(), services.home());
    try {
      return file.read();
    } catch (IOException e) {
      throw KeyrunException.failed(
          file.path().toString(),
          "cannot read the inventory: " + Failures.reason(e),
          "check that you can read it: ls -l " + file.path(),
          e);
    }
  }
}
