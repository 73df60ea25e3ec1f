package dev.keyrun.doctor;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.config.UserConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports which stores keyrun can use here, one finding per store: ok when it is usable, skipped
 * with the reason when it is not, and a failure for a dotenv store file that others can read. The
 * probes read no value, contact no network service, and give up on a helper program or a D-Bus call
 * after {@link #PROBE_TIMEOUT}.
 */
final class StoresCheck implements Check {
  static final String NAME = "stores";

  /**
   * The time each probe gets, an estimate: {@code op --version} and a running gnome-keyring answer
   * well within a second here, so a probe still running after 5 s is likely waiting on something
   * that will not come, such as a prompt on no terminal.
   */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    Host host = scope.host();
    Map<String, byte[]> environment = bytes(host.environment());
    List<Finding> findings = new ArrayList<>();

    StoreSettings settings;
    try {
      settings = UserConfig.load(environment, host.home()).storeSettings();
    } catch (KeyrunException e) {
      findings.add(
          Finding.about(
              NAME,
              Status.WARN,
              null,
              "the user's config file was not used: " + e.getMessage(),
              e.hint() == null ? "" : e.hint()));
      settings = StoreSettings.fromEnvironment(environment);
    }
    StoreContext context =
        new StoreContext(environment, host.home(), Instant.now().plus(PROBE_TIMEOUT), settings);

    findings.add(DotenvStoreProbe.probe(host, context));
    findings.add(KeyringProbes.secretService(host, context));
    findings.add(KeyringProbes.keychain(host, context));
    findings.add(ToolProbes.onePassword(context));
    findings.add(ToolProbes.systemdCreds(host, context));
    return findings;
  }

  /** Returns a finding of this check that names no file. */
  static Finding finding(Status status, String store, String text, String fix) {
    return new Finding(NAME, status, store + ": " + text, fix, null, 0);
  }

  /** Returns a skipped finding: {@code STORE: cannot use: REASON}. */
  static Finding cannotUse(String store, String reason, String fix) {
    return finding(Status.SKIPPED, store, "cannot use: " + reason, fix);
  }

  /** Returns an ok finding: {@code STORE: usable: DETAILS}. */
  static Finding usable(String store, String details) {
    return finding(Status.OK, store, "usable: " + details, "");
  }

  /** Returns a deadline {@link #PROBE_TIMEOUT} from now, for one helper program. */
  static Instant deadline() {
    return Instant.now().plus(PROBE_TIMEOUT);
  }

  private static Map<String, byte[]> bytes(Map<String, String> environment) {
    Map<String, byte[]> bytes = new HashMap<>();
    environment.forEach((name, value) -> bytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return bytes;
  }
}
