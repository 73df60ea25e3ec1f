package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun systemd encrypt NAME}: encrypts a value with {@code systemd-creds encrypt} into the
 * credential store {@code /etc/credstore.encrypted/NAME} (or {@code --output}), where a unit with
 * {@code LoadCredentialEncrypted=NAME} and {@code systemd-creds://NAME} find it. The value goes to
 * systemd-creds on stdin, never in its arguments. Replacing an existing file records the day in the
 * inventory, as {@code keyrun rotate} does.
 */
final class SystemdEncryptCommand {
  static final Path DEFAULT_STORE = Path.of("/etc/credstore.encrypted");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Services services = new Services();
  private final PrintStream stderr;

  SystemdEncryptCommand(PrintStream stderr) {
    this.stderr = stderr;
  }

  int encrypt(ParseResult parsed, InputStream stdin) throws IOException {
    String name = parsed.matchedPositionalValue(0, "");
    requireValidName(name);
    String key =
        CredentialEncryption.requireKey(
            parsed.matchedOptionValue(CommandSpecs.WITH_KEY, CredentialEncryption.DEFAULT_KEY));
    Path output = parsed.matchedOptionValue(CommandSpecs.OUTPUT, DEFAULT_STORE.resolve(name));
    createDirectory(output.toAbsolutePath().getParent());
    boolean replaces = Files.exists(output, LinkOption.NOFOLLOW_LINKS);

    Secret value =
        ValueInput.read(
            "systemd-creds://" + name, stdin, parsed.hasMatchedOption(CommandSpecs.RAW));
    try {
      new CredentialEncryption(services.environment(), TIMEOUT).write(name, key, output, value);
    } finally {
      value.wipe();
    }
    stderr.println("keyrun: encrypted systemd-creds://" + name + " to " + output);

    if (replaces) {
      // A new value under an existing name is a rotation, and keyrun ls counts its age from now.
      Optional<KeyrunException> failure =
          RotationDays.record(
              services.environment(),
              services.home(),
              "systemd-creds://" + name,
              "the new value is encrypted to " + output);
      if (failure.isPresent()) {
        throw failure.get();
      }
    }
    return 0;
  }

  /** Applies the store's own name check, so that no credential keyrun cannot read is written. */
  private static void requireValidName(String name) {
    try {
      SystemdCredsStore.requireValidName(new Reference(Scheme.SYSTEMD_CREDS, name));
    } catch (InvalidReferenceException e) {
      throw KeyrunException.failed("NAME", e.problem(), "expected " + e.expected());
    }
  }

  private static void createDirectory(Path directory) {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw KeyrunException.failed(
          directory.toString(),
          "cannot create the directory: " + e.getMessage(),
          "run as root, or give --output",
          e);
    }
  }
}
