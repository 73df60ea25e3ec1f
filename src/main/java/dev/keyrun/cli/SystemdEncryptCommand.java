package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.backend.systemd.SystemdCredsTool;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun systemd encrypt NAME}: encrypts a value with {@code systemd-creds encrypt} into the
 * credential store {@code /etc/credstore.encrypted/NAME} (or {@code --output}), where a unit with
 * {@code LoadCredentialEncrypted=NAME} and {@code systemd-creds://NAME} find it. The value goes to
 * systemd-creds on stdin, never in its arguments.
 */
final class SystemdEncryptCommand {
  static final Path DEFAULT_STORE = Path.of("/etc/credstore.encrypted");
  private static final Set<String> KEYS = Set.of("auto", "host", "tpm2", "host+tpm2");

  private final Services services = new Services();
  private final PrintStream stderr;

  SystemdEncryptCommand(PrintStream stderr) {
    this.stderr = stderr;
  }

  int encrypt(ParseResult parsed, InputStream stdin) throws IOException {
    String name = parsed.matchedPositionalValue(0, "");
    requireValidName(name);
    String key = parsed.matchedOptionValue(CommandSpecs.WITH_KEY, "auto");
    if (!KEYS.contains(key)) {
      throw KeyrunException.failed(
          CommandSpecs.WITH_KEY, "must be one of auto, host, tpm2, host+tpm2", null);
    }
    Path output = parsed.matchedOptionValue(CommandSpecs.OUTPUT, DEFAULT_STORE.resolve(name));
    createDirectory(output.toAbsolutePath().getParent());

    Secret value =
        ValueInput.read(
            "systemd-creds://" + name, stdin, parsed.hasMatchedOption(CommandSpecs.RAW));
    byte[] bytes = value.bytes();
    try {
      run(name, key, output, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      value.wipe();
    }
    stderr.println("keyrun: encrypted systemd-creds://" + name + " to " + output);
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

  private void run(String name, String key, Path output, byte[] value) {
    String tool = SystemdCredsStore.tool(services.environment());
    HelperProcess.Result result;
    try {
      result =
          SystemdCredsTool.encrypt(
              name, key, output, value, services.environment(), Instant.now().plusSeconds(60));
    } catch (HelperProcess.TimedOut e) {
      throw KeyrunException.failed(tool, "timed out after 60 s", null, e);
    } catch (StoreException e) {
      throw KeyrunException.failed(tool, "cannot run it", e.hint(), e);
    }
    if (result.exitCode() != 0) {
      throw KeyrunException.failed(
          "systemd-creds://" + name,
          "systemd-creds encrypt failed: " + result.firstErrorLine(),
          "writing the host key and " + DEFAULT_STORE + " needs root");
    }
    try {
      Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw KeyrunException.failed(
          output.toString(), "cannot make it private (mode 600): " + e.getMessage(), null, e);
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
