package dev.keyrun.backend.keyring;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.backend.keychain.KeychainStore;
import dev.keyrun.backend.secretservice.SecretServiceStore;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keyring://SERVICE[/ACCOUNT]}: the keyring of this machine, so one env file serves a Mac
 * and a Linux desktop. It is the macOS Keychain on macOS and the Secret Service elsewhere; the
 * setting {@code keychain} or {@code secret-service} ({@code KEYRUN_KEYRING}, or {@code keyring} in
 * the user's config file) chooses explicitly.
 */
public final class KeyringStore implements WritableBackend {
  private static final String EXAMPLE = "keyring://openai/default";

  /** Values of the keyring setting, in the user's config file and in KEYRUN_KEYRING. */
  public static final String KEYCHAIN = "keychain";

  public static final String SECRET_SERVICE = "secret-service";

  private static final StoreInfo INFO =
      info(
          "keyring",
          "the keyring of this machine: the macOS Keychain on macOS, the Secret Service on Linux");

  private final boolean onMac =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    return chosen(context).resolve(references, context);
  }

  @Override
  public String missingHint(Reference reference) {
    return ServiceAccount.setHint(reference);
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    try {
      return chosen(context).describeMissing(reference, context);
    } catch (StoreException e) {
      return "not found in the keyring";
    }
  }

  @Override
  public void prepare(Reference reference, WriteOptions options, StoreContext context)
      throws StoreException {
    chosen(context).prepare(reference, options, context);
  }

  @Override
  public String nameIn(StoreContext context) {
    try {
      return chosen(context).info().name();
    } catch (StoreException e) {
      return INFO.name();
    }
  }

  @Override
  public void store(Reference reference, Secret value, WriteOptions options, StoreContext context)
      throws StoreException {
    chosen(context).store(reference, value, options, context);
  }

  @Override
  public boolean delete(Reference reference, StoreContext context) throws StoreException {
    return chosen(context).delete(reference, context);
  }

  /** Returns the store that backs {@code keyring://} in {@code context}. */
  WritableBackend chosen(StoreContext context) throws StoreException {
    Optional<StoreSettings.Configured<String>> setting = context.settings().keyring();
    if (setting.isEmpty()) {
      return onMac ? Delegates.KEYCHAIN : Delegates.SECRET_SERVICE;
    }
    String name = setting.get().value();
    switch (name) {
      case KEYCHAIN:
        return Delegates.KEYCHAIN;
      case SECRET_SERVICE:
        return Delegates.SECRET_SERVICE;
      default:
        throw new StoreException(
            setting.get().origin() + " is \"" + name + "\", but must be keychain or secret-service",
            "unset it to use the keyring of this system");
    }
  }

  /** Returns the name of the store that backs {@code keyring://} when no setting chooses one. */
  public static String systemDefault() {
    boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
    return mac ? KEYCHAIN : SECRET_SERVICE;
  }

  /** The two stores, created on first use, since most runs reference no keyring at all. */
  private static final class Delegates {
    static final WritableBackend KEYCHAIN =
        new KeychainStore(info("keyring (macOS Keychain)", "the macOS Keychain"));
    static final WritableBackend SECRET_SERVICE =
        new SecretServiceStore(info("keyring (Secret Service)", "the Secret Service"));

    private Delegates() {}
  }

  private static StoreInfo info(String name, String summary) {
    return new StoreInfo(
        name,
        List.of(Scheme.KEYRING),
        summary,
        EXAMPLE,
        "add it with: keyrun set REFERENCE (the value is read from stdin or a prompt)");
  }
}
