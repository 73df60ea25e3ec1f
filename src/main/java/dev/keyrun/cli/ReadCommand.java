package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyrun read REF}: prints one value, for shell wrappers that need it on stdout. */
@Command(
    name = "read",
    description = "Print the value REFERENCE resolves to, followed by a newline.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class)
final class ReadCommand implements Callable<Integer> {
  @Option(names = "-n", description = "Do not print the trailing newline.")
  boolean noNewline;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Give the store at most SECONDS to respond (default: 30).")
  int timeoutSeconds;

  @Parameters(paramLabel = "REFERENCE", description = "A reference such as dotenv:API_KEY.")
  String reference;

  @Mixin LoggingOptions logging;

  @Override
  public Integer call() throws IOException {
    Reference parsed = Reference.require(reference);
    Services services = new Services();
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));

    Outcome outcome =
        new Resolver(services.registry())
            .resolve(List.of(parsed), services.storeContext(timeout), timeout)
            .get(parsed);

    System.out.write(value(outcome));
    if (!noNewline) {
      System.out.write('\n');
    }
    System.out.flush();
    return 0;
  }

  private static byte[] value(Outcome outcome) {
    if (outcome instanceof Outcome.Found found) {
      return found.secret().bytes();
    }
    if (outcome instanceof Outcome.Missing missing) {
      throw KeyrunException.failed(
          missing.reference().toString(), "not found in the " + missing.store(), missing.hint());
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    throw KeyrunException.failed(
        failed.reference().toString(), failed.store() + ": " + failed.problem(), failed.hint());
  }
}
