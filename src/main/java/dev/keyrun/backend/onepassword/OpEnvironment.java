package dev.keyrun.backend.onepassword;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The way keyrun starts {@code op}: the program ({@code op}, or {@code KEYRUN_OP_BIN}) and its
 * environment, shared by reading ({@link OpStore}) and writing ({@link OpItems}).
 */
final class OpEnvironment {
  static final String TOKEN = "OP_SERVICE_ACCOUNT_TOKEN";
  private static final String DEFAULT_TOOL = "op";

  private OpEnvironment() {}

  /**
   * Returns op's environment: keyrun's own (OP_ACCOUNT, OP_SERVICE_ACCOUNT_TOKEN and the rest pass
   * through), with the service account token taken from another store when {@code
   * KEYRUN_OP_TOKEN_REF} or {@code op.service-account-token} names one and no token is set.
   */
  static Map<String, byte[]> of(StoreContext context) throws StoreException {
    Map<String, byte[]> environment = new HashMap<>(context.environment());
    Optional<StoreSettings.Configured<String>> tokenReference =
        context.settings().opTokenReference();
    if (hasToken(environment) || tokenReference.isEmpty()) {
      return environment;
    }
    environment.put(TOKEN, token(tokenReference.get(), context));
    return environment;
  }

  /** Tells whether a service account token is set; an empty variable counts as unset. */
  static boolean hasToken(Map<String, byte[]> environment) {
    byte[] token = environment.get(TOKEN);
    return token != null && token.length > 0;
  }

  /** Returns the op program: {@code KEYRUN_OP_BIN} when set and not empty, else {@code op}. */
  static String tool(Map<String, byte[]> environment) {
    byte[] configured = environment.get("KEYRUN_OP_BIN");
    return configured == null || configured.length == 0
        ? DEFAULT_TOOL
        : new String(configured, StandardCharsets.UTF_8);
  }

  /**
   * Runs op with {@code arguments} and {@code input} on stdin until {@code deadline}.
   *
   * @throws HelperProcess.TimedOut when op outlives the deadline, for the caller's own hint
   */
  static HelperProcess.Result run(
      Map<String, byte[]> environment, List<String> arguments, byte[] input, Instant deadline)
      throws StoreException, HelperProcess.TimedOut {
    String tool = tool(environment);
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(arguments);
    try {
      return HelperProcess.run(command, environment, input, deadline);
    } catch (IOException e) {
      throw new StoreException(
          "cannot run " + tool + " (the 1Password CLI)",
          "install it: https://developer.1password.com/docs/cli/get-started/, or set"
              + " KEYRUN_OP_BIN",
          e);
    }
  }

  private static byte[] token(StoreSettings.Configured<String> setting, StoreContext context)
      throws StoreException {
    String text = setting.value();
    Optional<Reference> reference = Reference.parse(text);
    if (reference.isEmpty() || reference.get().scheme() == Scheme.OP) {
      throw new StoreException(
          setting.origin() + " must be a reference to another store",
          "such as keyring://op/service-account or dotenv:OP_SERVICE_ACCOUNT_TOKEN");
    }
    Duration remaining = Duration.between(Instant.now(), context.deadline());
    Outcome outcome =
        new Resolver(BackendRegistry.load())
            .resolve(List.of(reference.get()), context, remaining)
            .get(reference.get());
    if (outcome instanceof Outcome.Found found) {
      return found.secret().bytes();
    }
    String problem =
        outcome instanceof Outcome.Missing missing
            ? missing.problem()
            : ((Outcome.Failed) outcome).problem();
    throw new StoreException(
        "cannot read the service account token from " + text + ": " + problem,
        "store it with: keyrun set " + text);
  }
}
