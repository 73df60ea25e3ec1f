package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.inventory.Consumers;
import dev.keyrun.inventory.SystemdUnit;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun rotate REF}: replaces the value in the one store the reference names, records the
 * day in the inventory, lists who uses the entry, and with {@code --restart} restarts the systemd
 * units among them.
 */
final class RotateCommand {
  private static final String DEFAULT_KEY = CredentialEncryption.DEFAULT_KEY;
  private final Services services = new Services();
  private final StoreWrites writes = new StoreWrites(services);
  private final PrintStream stdout;
  private final PrintStream stderr;

  RotateCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int rotate(ParseResult parsed, InputStream stdin) throws IOException {
    Reference reference = writes.reference(parsed.matchedPositionalValue(0, ""));
    RotatableStores.require(reference);
    String key = parsed.matchedOptionValue(CommandSpecs.WITH_KEY, null);
    if (key != null && reference.scheme() != Scheme.SYSTEMD_CREDS) {
      throw KeyrunException.failed(
          CommandSpecs.WITH_KEY,
          "applies only to systemd-creds:// references",
          "leave out --with-key to rotate " + reference);
    }
    Duration timeout = services.timeout(parsed);

    String storeName;
    if (reference.scheme() == Scheme.SYSTEMD_CREDS) {
      String keyType = CredentialEncryption.requireKey(key == null ? DEFAULT_KEY : key);
      boolean raw = parsed.hasMatchedOption(CommandSpecs.RAW);
      storeName =
          new SystemdCredsRotation(services, timeout).rotate(reference, keyType, stdin, raw);
    } else {
      storeName = writeStore(reference, parsed, timeout, stdin);
    }
    stderr.println("keyrun: stored the new value of " + reference + " in the " + storeName);

    List<KeyrunException> failures = new ArrayList<>();
    RotationDays.record(
            services.environment(),
            services.home(),
            reference.toString(),
            "the new value is stored")
        .ifPresent(failures::add);

    try {
      Consumers consumers = Consumers.of(WhereCommand.read(services), reference.toString());
      stdout.print(ConsumerReport.text(consumers));
      if (parsed.hasMatchedOption(CommandSpecs.RESTART)) {
        restart(consumers.systemdUnits(), timeout, failures);
      } else if (!consumers.units().isEmpty()) {
        stderr.println(
            "keyrun: notice: the units above still hold the old value until they restart"
                + " (--restart restarts them)");
      }
    } catch (KeyrunException e) {
      // Without the inventory there is nothing to list or restart, and the value stays stored.
      failures.add(e);
    }

    if (!failures.isEmpty()) {
      KeyrunException last = failures.remove(failures.size() - 1);
      throw last.after(failures);
    }
    return 0;
  }

  /** Replaces the value in a store that {@code keyrun set} writes too. */
  private String writeStore(
      Reference reference, ParseResult parsed, Duration timeout, InputStream stdin)
      throws IOException {
    WritableBackend store = writes.writableStore(reference);
    requireExisting(reference, timeout);

    return writes.store(
        reference,
        store,
        new WriteOptions(parsed.hasMatchedOption(CommandSpecs.ALLOW_ANY_APP)),
        timeout,
        stdin,
        parsed.hasMatchedOption(CommandSpecs.RAW));
  }

  /**
   * Fails unless the store holds the entry: rotation replaces a value, and a mistyped reference
   * would otherwise store the new value under a new name and leave the leaked one in place.
   */
  private void requireExisting(Reference reference, Duration timeout) {
    Outcome outcome =
        new Resolver(services.registry())
            .resolve(List.of(reference), services.storeContext(timeout), timeout)
            .get(reference);
    if (outcome instanceof Outcome.Found found) {
      found.secret().wipe();
    } else if (outcome instanceof Outcome.Missing missing) {
      throw KeyrunException.failed(
          reference.toString(),
          missing.problem() + ", so there is no value to replace",
          "check the reference with keyrun where or keyrun ls; keyrun set "
              + reference
              + " creates a new entry");
    } else {
      Outcome.Failed failed = (Outcome.Failed) outcome;
      throw KeyrunException.failed(
          reference.toString(), failed.store() + ": " + failed.problem(), failed.hint());
    }
  }

  private void restart(List<SystemdUnit> units, Duration timeout, List<KeyrunException> failures) {
    if (units.isEmpty()) {
      stderr.println("keyrun: notice: no systemd unit uses the entry, so none was restarted");
      return;
    }
    UnitRestarts restarts = new UnitRestarts(services.environment(), timeout);
    int failed = 0;
    for (SystemdUnit unit : units) {
      UnitRestarts.Result result = restarts.restart(unit);
      stderr.println("keyrun: " + result.line());
      if (!result.restarted()) {
        failed++;
      }
    }
    if (failed > 0) {
      failures.add(
          KeyrunException.failed(
              "--restart",
              failed + " of " + units.size() + " restarts failed",
              "the new value is stored; fix the units named above, then restart them with"
                  + " systemctl restart UNIT"));
    }
  }
}
