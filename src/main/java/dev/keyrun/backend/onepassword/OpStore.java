package dev.keyrun.backend.onepassword;

import dev.keyrun.backend.Backend;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
    Map<String, byte[]> environment = OpEnvironment.of(context);
    boolean serviceAccount = OpEnvironment.hasToken(environment);
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
    try {
      return OpEnvironment.run(environment, List.of("inject"), template, deadline);
    } catch (HelperProcess.TimedOut e) {
      String hint =
          serviceAccount
              ? "a service account answers without a prompt, so keyrun waits at most "
                  + SERVICE_ACCOUNT_TIMEOUT.toSeconds()
                  + " s; check the network and that 1Password is reachable"
              : "approve the prompt of the 1Password app, check the network, or raise --timeout";
      throw new StoreException("timed out waiting for op", hint, e);
    }
  }

  private static Instant deadline(StoreContext context, boolean serviceAccount) {
    Instant limit = Instant.now().plus(SERVICE_ACCOUNT_TIMEOUT);
    return serviceAccount && limit.isBefore(context.deadline()) ? limit : context.deadline();
  }
}
