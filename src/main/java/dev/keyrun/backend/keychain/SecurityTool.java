package dev.keyrun.backend.keychain;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Apple's {@code security} tool and turns its exit statuses into store failures. The tool
 * exits with the low byte of the failed call's OSStatus: 44 is errSecItemNotFound (-25300), 36
 * errSecInteractionNotAllowed (-25308: a locked keychain without a GUI, as over SSH), 51
 * errSecAuthFailed (-25293), 128 errSecUserCanceled (-128) and 45 errSecDuplicateItem (-25299).
 */
final class SecurityTool {
  static final int NOT_FOUND = 44;
  static final int INTERACTION_NOT_ALLOWED = 36;
  static final int AUTH_FAILED = 51;
  static final int USER_CANCELED = 128;

  private static final String DEFAULT_PATH = "/usr/bin/security";
  private static final String LOGIN_KEYCHAIN = "~/Library/Keychains/login.keychain-db";

  private final String program;
  private final Map<String, byte[]> environment;
  private final Instant deadline;
  private final Duration budget;

  private SecurityTool(String program, Map<String, byte[]> environment, Instant deadline) {
    this.program = program;
    this.environment = environment;
    this.deadline = deadline;
    this.budget = Duration.between(Instant.now(), deadline);
  }

  /** Returns the tool named by {@code KEYRUN_SECURITY_BIN}, else {@code /usr/bin/security}. */
  static SecurityTool in(StoreContext context) {
    String configured = context.environmentText("KEYRUN_SECURITY_BIN");
    String program = configured == null || configured.isEmpty() ? DEFAULT_PATH : configured;
    return new SecurityTool(program, context.environment(), context.deadline());
  }

  /**
   * Runs {@code security ARGS}. Arguments must never contain a value; values go through {@code
   * stdin} in {@code security -i} mode.
   */
  HelperProcess.Result run(List<String> arguments, byte[] stdin) throws StoreException {
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(arguments);
    try {
      return HelperProcess.run(command, environment, stdin, deadline);
    } catch (HelperProcess.TimedOut e) {
      throw new StoreException(
          "timed out after " + seconds(budget) + " s waiting for " + program,
          "a Keychain access prompt may be open on the Mac's screen: answer it, or raise --timeout",
          e);
    } catch (IOException e) {
      if (!Files.isExecutable(Path.of(program))) {
        throw notFound(e);
      }
      throw new StoreException("cannot run " + program, null, e);
    }
  }

  /**
   * Checks that the tool exists and the default keychain can be used without a prompt it cannot
   * show: {@code security show-keychain-info} exits 36 when the keychain is locked and no user
   * interaction is allowed.
   */
  void requireUsable() throws StoreException {
    if (!Files.isExecutable(Path.of(program))) {
      throw notFound(null);
    }
    HelperProcess.Result result = run(List.of("show-keychain-info"), null);
    if (result.exitCode() != 0) {
      throw failure(result);
    }
  }

  private StoreException notFound(IOException cause) {
    String hint =
        program.equals(DEFAULT_PATH)
            ? "the macOS Keychain exists only on macOS; on Linux use secret-service:// or"
                + " keyring://, with KEYRUN_KEYRING unset"
            : "check KEYRUN_SECURITY_BIN, which names this program";
    return new StoreException(program + " not found or not executable", hint, cause);
  }

  /** Returns {@code duration} in whole seconds, rounded up, as the user gave it to --timeout. */
  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  /**
   * Returns the failure that exit status {@code result} stands for. Only call this for commands
   * whose stderr contains no value, which excludes {@code find-generic-password -g}.
   */
  StoreException failure(HelperProcess.Result result) {
    switch (result.exitCode()) {
      case INTERACTION_NOT_ALLOWED:
        return new StoreException(
            "the login keychain is locked, or no user interaction is allowed (as in an SSH"
                + " session)",
            "unlock it first: security unlock-keychain " + LOGIN_KEYCHAIN);
      case AUTH_FAILED:
        return new StoreException(
            "the keychain denied access",
            "allow security in the item's access list in Keychain Access, or store it again"
                + " with keyrun set");
      case USER_CANCELED:
        return new StoreException(
            "the keychain prompt was cancelled", "run again and allow access");
      default:
        String detail = result.firstErrorLine();
        return new StoreException(
            "security failed with exit status "
                + result.exitCode()
                + (detail.isEmpty() ? "" : ": " + detail),
            null);
    }
  }
}
