package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.ParseResult;

/** {@code keyrun set REF} and {@code keyrun delete REF}: change an entry of a writable store. */
final class WriteCommands {
  private final Services services = new Services();
  private final StoreWrites writes = new StoreWrites(services);
  private final PrintStream stderr;

  WriteCommands(PrintStream stderr) {
    this.stderr = stderr;
  }

  int set(ParseResult parsed, InputStream stdin) throws IOException {
    Reference reference = reference(parsed);
    WritableBackend store = writes.writableStore(reference);
    WriteOptions options = new WriteOptions(parsed.hasMatchedOption(CommandSpecs.ALLOW_ANY_APP));

    String storeName =
        writes.store(
            reference,
            store,
            options,
            services.timeout(parsed),
            stdin,
            parsed.hasMatchedOption(CommandSpecs.RAW));
    stderr.println("keyrun: stored " + reference + " in the " + storeName);
    return 0;
  }

  int delete(ParseResult parsed) {
    Reference reference = reference(parsed);
    WritableBackend store = writes.writableStore(reference);
    Duration timeout = services.timeout(parsed);
    StoreContext context = services.storeContext(timeout);

    boolean deleted =
        writes.call(reference, store, timeout, () -> store.delete(reference, context));
    if (!deleted) {
      throw KeyrunException.failed(
          reference.toString(),
          "not found in the " + store.nameIn(context) + ", so nothing was deleted",
          null);
    }
    stderr.println("keyrun: deleted " + reference + " from the " + store.nameIn(context));
    return 0;
  }

  private Reference reference(ParseResult parsed) {
    return writes.reference(parsed.matchedPositionalValue(0, ""));
  }
}
