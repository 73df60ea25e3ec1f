package dev.keyrun.cli;

import dev.keyrun.run.RunService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keyrun run [options] -- COMMAND [ARGS...]}; also what {@code keyrun -- COMMAND} runs. */
@Command(
    name = "run",
    description = "Run COMMAND with the secrets its env files and environment refer to.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class)
final class RunCommand implements Callable<Integer> {
  @Mixin RunOptions options;
  @Mixin LoggingOptions logging;

  @Override
  public Integer call() {
    return run(options);
  }

  static int run(RunOptions options) {
    Services services = new Services();
    RunService service =
        new RunService(services.registry(), services.environment(), services.home(), System.err);
    return service.run(options.toRequest());
  }
}
