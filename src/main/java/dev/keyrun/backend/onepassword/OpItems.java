package dev.keyrun.backend.onepassword;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and reads single 1Password items through {@code op}, for commands that move values into
 * 1Password. A new item is an API Credential whose concealed field {@code credential} contains the
 * value, so {@code op://VAULT/TITLE/credential} names it.
 *
 * <p>The value reaches op only on stdin, inside an item JSON template ({@code op item create -}),
 * never as an assignment statement in op's arguments, where other processes could read it.
 *
 * <p>op runs with the same environment as when keyrun reads from 1Password, so a service account
 * token that {@code KEYRUN_OP_TOKEN_REF} or {@code op.service-account-token} names signs it in.
 */
public final class OpItems {
  public static final String FIELD = "credential";

  private final StoreContext context;
  private Map<String, byte[]> environment;

  public OpItems(StoreContext context) {
    this.context = context;
  }

  /** Checks that op runs and is signed in, with {@code op whoami}. */
  public void probe() throws StoreException {
    HelperProcess.Result result = run(List.of("whoami"), null);
    if (result.exitCode() != 0) {
      throw OpErrors.describe(new String(result.stderr(), UTF_8));
    }
  }

  /**
   * Returns the value of the field {@code credential} of the item {@code title} in {@code vault},
   * or empty when the vault has no item of that title.
   *
   * @throws StoreException when an item of that title exists without that field, because creating a
   *     second item of the same title makes op reject every reference to the title
   */
  public Optional<Secret> read(String vault, String title) throws StoreException {
    String reference = "op://" + vault + "/" + title + "/" + FIELD;
    HelperProcess.Result result = run(List.of("read", "--no-newline", reference), null);
    try {
      if (result.exitCode() == 0) {
        return Optional.of(Secret.of(result.stdout()));
      }
    } finally {
      Arrays.fill(result.stdout(), (byte) 0);
    }

    String stderr = new String(result.stderr(), UTF_8);
    String message = OpErrors.firstError(stderr);
    if (message.contains("isn't an item")) {
      return Optional.empty();
    }
    if (message.contains("does not have a field")) {
      throw new StoreException(
          "an item titled '"
              + title
              + "' already exists without a field '"
              + FIELD
              + "', so nothing was changed",
          "store this file's values under other titles with --prefix, such as --prefix MYAPP_");
    }
    throw OpErrors.describe(stderr);
  }

  /** Creates the item {@code title} in {@code vault} with {@code value} in its credential field. */
  public void create(String vault, String title, Secret value) throws StoreException {
    byte[] template = template(title, value);
    HelperProcess.Result result;
    try {
      result = run(List.of("item", "create", "--vault", vault, "--format", "json", "-"), template);
    } finally {
      Arrays.fill(template, (byte) 0);
    }
    // op prints the new item, value included, so stdout is dropped unread.
    Arrays.fill(result.stdout(), (byte) 0);
    if (result.exitCode() != 0) {
      throw OpErrors.describe(new String(result.stderr(), UTF_8));
    }
  }

  private static byte[] template(String title, Secret value) {
    StringBuilder json = new StringBuilder();
    json.append("{\"title\":");
    appendString(json, title);
    json.append(",\"category\":\"API_CREDENTIAL\",\"fields\":[{\"id\":\"")
        .append(FIELD)
        .append("\",\"type\":\"CONCEALED\",\"label\":\"")
        .append(FIELD)
        .append("\",\"value\":");
    appendString(json, value.decodeUtf8());
    json.append("}]}");
    byte[] bytes = json.toString().getBytes(UTF_8);
    json.setLength(0);
    return bytes;
  }

  private static void appendString(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  private HelperProcess.Result run(List<String> arguments, byte[] input) throws StoreException {
    if (environment == null) {
      environment = OpEnvironment.of(context);
    }
    try {
      return OpEnvironment.run(environment, arguments, input, context.deadline());
    } catch (HelperProcess.TimedOut e) {
      throw new StoreException(
          "timed out waiting for op " + arguments.get(0),
          "approve the prompt of the 1Password app, or raise --timeout",
          e);
    }
  }
}
