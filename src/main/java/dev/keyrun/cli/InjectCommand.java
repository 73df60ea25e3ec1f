package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BoundedRead;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.PrivateFileWriter;
import dev.keyrun.backend.Resolver;
import dev.keyrun.reference.Reference;
import dev.keyrun.template.Placeholder;
import dev.keyrun.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun inject}: fills the {@code {{ REFERENCE }}} placeholders of a template with their
 * values and writes the result to stdout or to a private file. All or nothing: when any reference
 * fails, every failure is reported and nothing is written.
 */
final class InjectCommand {
  private static final String STDIN = "-";

  private final Services services = new Services();
  private final PrintStream stdout;

  InjectCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  int inject(ParseResult parsed, InputStream stdin) throws IOException {
    String input = parsed.matchedOptionValue(CommandSpecs.IN_FILE, STDIN);
    Path output = parsed.matchedOptionValue(CommandSpecs.OUT_FILE, null);
    Duration timeout = services.timeout(parsed);
    if (output != null) {
      requireWritableTarget(output);
    }

    Template template =
        STDIN.equals(input)
            ? Template.parse("stdin", readStdin(stdin), literalNames(parsed))
            : Template.parse(input, readFile(Path.of(input)), literalNames(parsed));
    Map<Reference, byte[]> values = resolve(template, timeout);
    byte[] result = template.render(values);
    try {
      write(result, output);
    } finally {
      Arrays.fill(result, (byte) 0);
      values.values().forEach(value -> Arrays.fill(value, (byte) 0));
    }
    return 0;
  }

  private static boolean literalNames(ParseResult parsed) {
    return parsed.hasMatchedOption(CommandSpecs.LITERAL_NAMES);
  }

  /**
   * Resolves every reference of the template in one call, so that each store gets one batch (one
   * {@code op inject} for all {@code op://} references).
   */
  private Map<Reference, byte[]> resolve(Template template, Duration timeout) {
    Map<Reference, Outcome> outcomes =
        new Resolver(services.registry())
            .resolve(template.references(), services.storeContext(timeout), timeout);

    Map<Reference, byte[]> values = new HashMap<>();
    List<KeyrunException> failures = new ArrayList<>();
    for (Placeholder placeholder : template.placeholders()) {
      Reference reference = placeholder.reference();
      if (values.containsKey(reference)) {
        continue;
      }
      Outcome outcome = outcomes.get(reference);
      if (outcome instanceof Outcome.Found found) {
        values.put(reference, found.secret().bytes());
      } else {
        // Recorded as done, so that a reference used on several lines is reported once.
        values.put(reference, new byte[0]);
        failures.add(failure(template.source() + ":" + placeholder.line(), outcome));
      }
    }

    if (!failures.isEmpty()) {
      KeyrunException last = failures.remove(failures.size() - 1);
      throw last.after(failures);
    }
    return values;
  }

  private static KeyrunException failure(String subject, Outcome outcome) {
    if (outcome instanceof Outcome.Missing missing) {
      return KeyrunException.failed(
          subject, missing.reference() + " " + missing.problem(), missing.hint());
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    return KeyrunException.failed(
        subject,
        failed.reference() + ": " + failed.store() + ": " + failed.problem(),
        failed.hint());
  }

  private void write(byte[] result, Path output) {
    if (output == null) {
      stdout.write(result, 0, result.length);
      stdout.flush();
      if (stdout.checkError()) {
        throw KeyrunException.failed(
            "stdout", "writing the output failed", "check where the output of keyrun inject goes");
      }
      return;
    }
    try {
      PrivateFileWriter.write(output, result, PrivateFileWriter.FILE_MODE);
    } catch (IOException e) {
      throw KeyrunException.failed(
          output.toString(),
          "cannot write: " + reason(e),
          "check that the directory exists and is writable; nothing was written",
          e);
    }
  }

  /** Describes a failed write by the system's reason, such as "Permission denied". */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException failure && failure.getReason() != null) {
      return failure.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }

  /**
   * Checks the output path before any store is asked, so that a wrong path costs no unlock prompt.
   */
  private static void requireWritableTarget(Path output) {
    if (Files.isDirectory(output)) {
      throw KeyrunException.failed(
          output.toString(),
          "is a directory",
          "name the file to write, such as " + output + "/app.conf");
    }
    Path directory = output.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw KeyrunException.failed(
          output.toString(), "the directory does not exist", "create it first, or fix the path");
    }
  }

  private static byte[] readStdin(InputStream stdin) throws IOException {
    byte[] content = stdin.readNBytes(BoundedRead.MAX_BYTES + 1);
    if (content.length > BoundedRead.MAX_BYTES) {
      throw KeyrunException.failed(
          "stdin", "the template is larger than 1 MiB", "split it into smaller templates");
    }
    return content;
  }

  private static byte[] readFile(Path file) {
    try {
      return BoundedRead.read(file);
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the --in-file path");
    } catch (BoundedRead.TooLargeException e) {
      throw KeyrunException.failed(
          file.toString(), "larger than 1 MiB", "split it into smaller templates");
    } catch (AccessDeniedException e) {
      throw KeyrunException.failed(
          file.toString(), "permission denied", "make it readable by you: chmod u+r " + file);
    } catch (IOException e) {
      throw KeyrunException.failed(
          file.toString(), "cannot read: " + e.getClass().getSimpleName(), null, e);
    }
  }
}
