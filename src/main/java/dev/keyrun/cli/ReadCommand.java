package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ParseResult;

/** {@code keyrun read REF}: prints one value, for shell wrappers that need it on stdout. */
final class ReadCommand {
  private ReadCommand() {}

  static int read(ParseResult parsed, PrintStream stdout) throws IOException {
    Services services = new Services();
    String hint = "use a reference such as " + services.registry().examples();
    Reference reference = Reference.require(parsed.matchedPositionalValue(0, ""), hint);
    Duration timeout = services.timeout(parsed);

    Outcome outcome =
        new Resolver(services.registry())
            .resolve(List.of(reference), services.storeContext(timeout), timeout)
            .get(reference);

    stdout.write(value(outcome));
    if (!parsed.hasMatchedOption(CommandSpecs.NO_NEWLINE)) {
      stdout.write('\n');
    }
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed(
          "stdout", "writing the value failed", "check where the output of keyrun read goes");
    }
    return 0;
  }

  private static byte[] value(Outcome outcome) {
    if (outcome instanceof Outcome.Found found) {
      return found.secret().bytes();
    }
    if (outcome instanceof Outcome.Missing missing) {
      throw KeyrunException.failed(
          missing.reference().toString(), missing.problem(), missing.hint());
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    throw KeyrunException.failed(
        failed.reference().toString(), failed.store() + ": " + failed.problem(), failed.hint());
  }
}
