package dev.keyrun.doctor;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes the stores that keyrun reaches through a command-line tool: 1Password ({@code op}) and
 * systemd credentials ({@code systemd-creds}). Each tool runs only with {@code --version}, with
 * stdin from /dev/null and a timeout, so no probe signs in, prompts or contacts a server.
 */
final class ToolProbes {
  private static final String ONE_PASSWORD = "1Password (op://)";
  private static final String SYSTEMD_CREDS = "systemd credentials (systemd-creds://)";
  private static final String OP_TOKEN = "OP_SERVICE_ACCOUNT_TOKEN";

  /**
   * The maximum length of a version line. A tool that prints a longer one is not the one keyrun
   * expects.
   */
  private static final int MAX_VERSION_LENGTH = 60;

  private ToolProbes() {}

  /**
   * Probes 1Password: {@code op --version} runs, and a service account token is set or configured.
   * The token is never read: whether it signs in would take a call to 1Password's servers.
   */
  static Finding onePassword(StoreContext context) {
    String op =
        Optional.ofNullable(context.environmentText("KEYRUN_OP_BIN"))
            .filter(text -> !text.isEmpty())
            .orElse("op");
    Map<String, byte[]> environment = new HashMap<>(context.environment());
    environment.remove(OP_TOKEN);
    Version version = version(op, environment);
    if (version.timedOut()) {
      return StoresCheck.cannotUse(
          ONE_PASSWORD,
          version.problem(),
          "op is installed but did not answer in time: run "
              + op
              + " --version in a terminal to see whether it hangs, and run keyrun doctor again"
              + " when the machine is less busy, or set KEYRUN_OP_BIN to another op");
    }
    if (version.line().isEmpty()) {
      return StoresCheck.cannotUse(
          ONE_PASSWORD,
          version.problem(),
          "install the 1Password CLI (https://developer.1password.com/docs/cli/get-started/),"
              + " or set KEYRUN_OP_BIN");
    }

    String token;
    String tokenVariable = context.environmentText(OP_TOKEN);
    Optional<StoreSettings.Configured<String>> reference = context.settings().opTokenReference();
    if (tokenVariable != null && !tokenVariable.isEmpty()) {
      token = "a service account token is set in " + OP_TOKEN;
    } else if (reference.isPresent()) {
      token = "the service account token comes from " + reference.get().origin();
    } else {
      token = "no service account token is configured, so op signs in through the 1Password app";
    }
    return StoresCheck.usable(ONE_PASSWORD, op + ": " + version.line().get() + "; " + token);
  }

  /**
   * Probes systemd credentials: {@code systemd-creds --version}, {@code $CREDENTIALS_DIRECTORY}
   * (set inside a unit) and the credential store directories under the root.
   */
  static Finding systemdCreds(Host host, StoreContext context) {
    String tool = SystemdCredsStore.tool(context.environment());
    Version version = version(tool, context.environment());
    String directory = context.environmentText("CREDENTIALS_DIRECTORY");
    boolean inUnit =
        directory != null && directory.startsWith("/") && Files.isDirectory(Path.of(directory));
    List<String> credstores = existingCredstores(host, context);

    List<String> parts = new ArrayList<>();
    parts.add(version.line().map(line -> tool + ": " + line).orElse(version.problem()));
    parts.add(
        inUnit
            ? "CREDENTIALS_DIRECTORY is set"
            : "CREDENTIALS_DIRECTORY is not set (only units with LoadCredential= get it)");
    parts.add(
        credstores.isEmpty()
            ? "no credential store directory exists"
            : "credential stores: " + String.join(", ", credstores));
    String details = String.join("; ", parts);

    if (version.line().isEmpty() && !inUnit && credstores.isEmpty()) {
      return StoresCheck.cannotUse(
          SYSTEMD_CREDS, details, "install systemd 250 or newer, or set KEYRUN_SYSTEMD_CREDS_BIN");
    }
    return StoresCheck.usable(SYSTEMD_CREDS, details);
  }

  /** Returns the existing directories of {@code credstore.path}, as absolute system paths. */
  private static List<String> existingCredstores(Host host, StoreContext context) {
    List<String> entries =
        context
            .settings()
            .credstorePath()
            .map(StoreSettings.Configured::value)
            .orElse(SystemdCredsStore.DEFAULT_CREDSTORES);
    List<String> existing = new ArrayList<>();
    for (String entry : entries) {
      if (entry.startsWith("/") && Files.isDirectory(host.system(entry))) {
        existing.add(entry);
      }
    }
    return existing;
  }

  /**
   * The outcome of {@code TOOL --version}: the first line it printed, or empty and why not.
   *
   * @param line the version line, or empty when the tool did not run or failed
   * @param problem why {@code line} is empty, such as {@code op --version timed out after 5 s}
   * @param timedOut whether the tool ran but did not exit within the probe timeout
   */
  private record Version(Optional<String> line, String problem, boolean timedOut) {
    static Version failed(String problem) {
      return new Version(Optional.empty(), problem, false);
    }
  }

  /** Runs {@code tool --version} with stdin from /dev/null, for at most the probe timeout. */
  private static Version version(String tool, Map<String, byte[]> environment) {
    String command = tool + " --version";
    HelperProcess.Result result;
    try {
      result =
          HelperProcess.run(List.of(tool, "--version"), environment, null, StoresCheck.deadline());
    } catch (IOException e) {
      return Version.failed(tool + " not found or not executable");
    } catch (HelperProcess.TimedOut e) {
      String problem = command + " timed out after " + StoresCheck.PROBE_TIMEOUT.toSeconds() + " s";
      return new Version(Optional.empty(), problem, true);
    }

    String line = new String(result.stdout(), UTF_8).strip().lines().findFirst().orElse("");
    if (result.exitCode() != 0) {
      return Version.failed(command + " exited with " + result.exitCode());
    }
    if (line.isEmpty() || line.length() > MAX_VERSION_LENGTH) {
      return Version.failed(command + " printed no version line");
    }
    return new Version(Optional.of(line), "", false);
  }
}
