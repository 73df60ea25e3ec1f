package dev.keyrun.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose} and {@code --debug}. {@link Main} reads them from the raw arguments before any
 * logger exists, because slf4j-simple fixes its level when the first logger is created; these
 * fields only make picocli accept and document them.
 */
final class LoggingOptions {
  @Option(
      names = {"-v", "--verbose"},
      description = "Log keys, stores and timings to stderr (never values).")
  boolean verbose;

  @Option(names = "--debug", description = "Like --verbose, and add stack traces to errors.")
  boolean debug;
}
