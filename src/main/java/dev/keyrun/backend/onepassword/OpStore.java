package dev.keyrun.backend.onepassword;

import dev.keyrun.backend.Backend;
import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code op://VAULT/ITEM[/SECTION]/FIELD}: a field in 1Password, read through the 1Password CLI
 * ({@code op}, or {@code KEYRUN_OP_BIN}). All references of a run go to one {@code op inject}
 * process, with the template on its stdin, because each {@code op} call costs 0.5-1.5 s (reported
 * by users of other tools) and, with the desktop app, an approval prompt of its own.
 */
public final class OpStore implements Backend {
  private static final String DEFAULT_TOOL = "op";
  private static final String TOKEN = "OP_SERVICE_ACCOUNT_TOKEN";

  /** A service account answers without a prompt, so a hang means a problem, not a person. */
  private static final Duration SERVICE_ACCOUNT_TIMEOUT = Duration.ofSeconds(15);

  private static final StoreInfo INFO =
      new StoreInfo(
          "1Password",
          List.of(Scheme.OP),
          "fields of 1Password items, through the 1Password CLI (op)",
          "op://Private/OpenAI/credential",
          "check the vault, item and field names in 1Password");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    references.forEach(InjectTemplate::requireTemplateSafe);
    Map<String, byte[]> environment = environment(context);
    boolean serviceAccount = hasToken(environment);
    Instant deadline = deadline(context, serviceAccount);

    InjectTemplate template = new InjectTemplate(references);
    HelperProcess.Result result = run(environment, template.text(), deadline, serviceAccount);
    if (result.exitCode() != 0) {
      throw OpErrors.describe(new String(result.stderr(), StandardCharsets.UTF_8));
    }

    List<byte[]> values;
    try {
      values = template.values(result.stdout());
    } catch (IllegalArgumentException e) {
      throw new StoreException("op inject returned output keyrun cannot read", null, e);
    } finally {
      Arrays.fill(result.stdout(), (byte) 0);
    }
    Map<Reference, Optional<Secret>> resolved = new LinkedHashMap<>();
    for (int i = 0; i < references.size(); i++) {
      resolved.put(references.get(i), Optional.of(Secret.of(values.get(i))));
      Arrays.fill(values.get(i), (byte) 0);
    }
    return resolved;
  }

  private static HelperProcess.Result run(
      Map<String, byte[]> environment, byte[] template, Instant deadline, boolean serviceAccount)
      throws StoreException {
    byte[] configured = environment.get("KEYRUN_OP_BIN");
    String tool =
        configured == null || configured.length == 0
            ? DEFAULT_TOOL
            : new String(configured, StandardCharsets.UTF_8);
    try {
      return HelperProcess.run(List.of(tool, "inject"), environment, template, deadline);
    } catch (HelperProcess.TimedOut e) {
      String hint =
          serviceAccount
              ? "a service account answers without a prompt, so keyrun waits at most "
                  + SERVICE_ACCOUNT_TIMEOUT.toSeconds()
                  + " s; check the network and that 1Password is reachable"
              : "approve the prompt of the 1Password app, check the network, or raise --timeout";
      throw new StoreException("timed out waiting for op", hint, e);
    } catch (IOException e) {
      throw new StoreException(
          "cannot run " + tool + " (the 1Password CLI)",
          "install it: https://developer.1password.com/docs/cli/get-started/, or set"
              + " KEYRUN_OP_BIN",
          e);
    }
  }

  /**
   * Returns op's environment: keyrun's own (OP_ACCOUNT, OP_SERVICE_ACCOUNT_TOKEN and the rest pass
   * through), with the service account token taken from another store when {@code
   * KEYRUN_OP_TOKEN_REF} names one and no token is set.
   */
  private static Map<String, byte[]> environment(StoreContext context) throws StoreException {
    Map<String, byte[]> environment = new HashMap<>(context.environment());
    Optional<StoreSettings.Configured<String>> tokenReference =
        context.settings().opTokenReference();
    if (hasToken(environment) || tokenReference.isEmpty()) {
      return environment;
    }
    environment.put(TOKEN, token(tokenReference.get(), context));
    return environment;
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

  /** Tells whether a service account token is set; an empty variable counts as unset. */
  private static boolean hasToken(Map<String, byte[]> environment) {
    byte[] token = environment.get(TOKEN);
    return token != null && token.length > 0;
  }

  private static Instant deadline(StoreContext context, boolean serviceAccount) {
    Instant limit = Instant.now().plus(SERVICE_ACCOUNT_TIMEOUT);
    return serviceAccount && limit.isBefore(context.deadline()) ? limit : context.deadline();
  }
}
