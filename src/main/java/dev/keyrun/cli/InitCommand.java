package dev.keyrun.cli;

import dev.keyrun.init.InitService;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code keyrun init [--from FILE] [--force]}: writes a starter keyrun.toml. */
final class InitCommand {
  private static final String FROM = "--from";
  private static final String FORCE = "--force";

  private InitCommand() {}

  static int run(ParseResult parsed, PrintStream stderr) {
    Path from = parsed.matchedOptionValue(FROM, null);
    boolean force = parsed.hasMatchedOption(FORCE);
    return new InitService(stderr).init(Path.of("").toAbsolutePath(), from, force);
  }

  /** Builds the command line of {@code keyrun init}. */
  static CommandSpec spec() {
    CommandSpec spec = CommandSpecs.command("init");
    spec.parser().stopAtPositional(false);
    spec.usageMessage()
        .description(
            "Write a commented starter keyrun.toml, the project manifest, in the current"
                + " directory. With --from, declare each key of an env file: a reference is kept,"
                + " and a plain value gets the suggested reference dotenv:NAME. No value is read"
                + " into the manifest or printed.");
    spec.addOption(
        OptionSpec.builder(FROM)
            .paramLabel("FILE")
            .type(Path.class)
            .description("Declare the keys of this env file, such as .env.")
            .build());
    spec.addOption(
        OptionSpec.builder(FORCE)
            .type(boolean.class)
            .description("Replace an existing keyrun.toml.")
            .build());
    return spec;
  }
}
