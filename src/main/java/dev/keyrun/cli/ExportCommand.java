package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.export.ExportFormat;
import dev.keyrun.export.ExportWarning;
import dev.keyrun.launch.Posix;
import dev.keyrun.project.Project;
import dev.keyrun.run.DeclaredValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun export}: resolves the manifest and env files as a run does and prints the keys with
 * their values, for {@code eval "$(keyrun export)"} and other tools that read sh, fish, .env or
 * JSON.
 */
final class ExportCommand {
  private final Services services = new Services();
  private final PrintStream stdout;
  private final PrintStream stderr;

  ExportCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int export(ParseResult parsed) {
    ExportFormat format = format(parsed);
    Optional<Project> project =
        ProjectOptions.load(parsed, services.environment(), services.config());
    List<Path> envFiles = RunOptions.envFiles(parsed, project.isPresent());
    Map<String, byte[]> values =
        DeclaredValues.resolve(
            services.registry(),
            services.environment(),
            services.home(),
            services.config().storeSettings(),
            project,
            envFiles,
            new LinkedHashSet<>(RunOptions.keys(parsed, CommandSpecs.ONLY)),
            services.timeout(parsed));

    if (values.isEmpty() && envFiles.isEmpty() && project.isEmpty()) {
      stderr.println(
          "keyrun: notice: no .env in "
              + Path.of("").toAbsolutePath()
              + " and no --env-file given; nothing to export");
    }
    byte[] output = format.write(values);
    ExportWarning.decide(Posix.isTerminal(0), Posix.isTerminal(1), services.environment())
        .ifPresent(stderr::println);

    try {
      stdout.write(output, 0, output.length);
      stdout.flush();
    } finally {
      Arrays.fill(output, (byte) 0);
      values.values().forEach(value -> Arrays.fill(value, (byte) 0));
    }
    if (stdout.checkError()) {
      throw KeyrunException.failed(
          "stdout", "writing the output failed", "check where the output of keyrun export goes");
    }
    return 0;
  }

  private static ExportFormat format(ParseResult parsed) {
    String name = parsed.matchedOptionValue(CommandSpecs.FORMAT, "sh");
    return ExportFormat.named(name)
        .orElseThrow(
            () ->
                KeyrunException.failed(
                    CommandSpecs.FORMAT, "unknown format", "use sh, fish, dotenv or json"));
  }
}
