package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import java.util.Optional;

/**
 * The {@code SERVICE[/ACCOUNT]} part of a keyring reference such as {@code
 * keyring://openai/default}. The account is everything after the first slash, so accounts may
 * contain slashes; without one, the reference names the first item of the service.
 *
 * @param service the item's service, never empty
 * @param account the item's account, or empty to match any account
 */
public record ServiceAccount(String service, Optional<String> account) {
  private static final String SYNTAX = "SERVICE or SERVICE/ACCOUNT after the scheme";

  /** Parses the body of {@code reference}. */
  public static ServiceAccount of(Reference reference) {
    String body = reference.body();
    int slash = body.indexOf('/');
    String service = slash < 0 ? body : body.substring(0, slash);
    Optional<String> account =
        slash < 0 ? Optional.empty() : Optional.of(body.substring(slash + 1));

    if (service.isEmpty()) {
      throw new InvalidReferenceException(reference, "missing service name", SYNTAX);
    }
    if (account.isPresent() && account.get().isEmpty()) {
      throw new InvalidReferenceException(reference, "empty account after '/'", SYNTAX);
    }
    if (hasControlCharacter(body)) {
      throw new InvalidReferenceException(reference, "contains a control character", SYNTAX);
    }
    return new ServiceAccount(service, account);
  }

  /**
   * Parses the body of {@code reference} for {@code keyrun set} and {@code delete}, which need an
   * account: without one, a reference matches whichever item of the service comes first, so a write
   * could replace or delete another account's item.
   */
  public static ServiceAccount forWriting(Reference reference) {
    ServiceAccount item = of(reference);
    if (item.account().isEmpty()) {
      throw new InvalidReferenceException(
          reference,
          "names no account, so it could match any item of the service",
          "SERVICE/ACCOUNT when writing or deleting, such as " + reference + "/default");
    }
    return item;
  }

  /**
   * Returns the hint for a missing keyring item: the {@code keyrun set} command that adds it, with
   * an account added where the reference has none, since set needs one.
   */
  public static String setHint(Reference reference) {
    String target =
        of(reference).account().isPresent() ? reference.toString() : reference + "/ACCOUNT";
    return "add it with: keyrun set " + target + " (the value is read from stdin or a prompt)";
  }

  /** Returns {@code service/account}, or the service alone, for labels and messages. */
  public String label() {
    return account.map(a -> service + "/" + a).orElse(service);
  }

  /** Returns the attributes for a message: {@code service "S" and account "A"}. */
  public String describe() {
    return "service \""
        + service
        + "\""
        + account.map(a -> " and account \"" + a + "\"").orElse("");
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
