package dev.keyrun.backend.keychain;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keychain://SERVICE[/ACCOUNT]}: a generic password in the macOS Keychain, read and written
 * through {@code /usr/bin/security} ({@code KEYRUN_SECURITY_BIN} names another program). Without an
 * account, the first item of the service matches.
 */
public final class KeychainStore implements WritableBackend {
  private static final StoreInfo INFO =
      new StoreInfo(
          "macOS Keychain",
          List.of(Scheme.KEYCHAIN),
          "generic passwords in the macOS Keychain, through /usr/bin/security",
          "keychain://openai/default",
          "add it with: keyrun set REFERENCE (the value is read from stdin or a prompt)");

  private final StoreInfo info;

  public KeychainStore() {
    this(INFO);
  }

  /** Creates the store under another name, as {@code keyring://} uses it on macOS. */
  public KeychainStore(StoreInfo info) {
    this.info = info;
  }

  @Override
  public StoreInfo info() {
    return info;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    List<KeychainRead> reads = new ArrayList<>();
    for (Reference reference : references) {
      reads.add(new KeychainRead(reference, ServiceAccount.of(reference)));
    }
    return KeychainRead.runAll(reads, SecurityTool.in(context));
  }

  @Override
  public String missingHint(Reference reference) {
    return ServiceAccount.setHint(reference);
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    return "not found in the "
        + info.name()
        + " (no generic password with "
        + ServiceAccount.of(reference).describe()
        + ")";
  }

  @Override
  public void prepare(Reference reference, WriteOptions options, StoreContext context)
      throws StoreException {
    ServiceAccount.forWriting(reference);
    SecurityTool.in(context).requireUsable();
  }

  @Override
  public void store(Reference reference, Secret value, WriteOptions options, StoreContext context)
      throws StoreException {
    ServiceAccount item = ServiceAccount.forWriting(reference);
    SecurityTool security = SecurityTool.in(context);
    byte[] bytes = value.bytes();
    byte[] script = null;
    try {
      script = SecurityScript.addGenericPassword(item, bytes, options.allowAnyApp());
      HelperProcess.Result result = security.run(List.of("-i"), script);
      if (result.exitCode() != 0) {
        throw security.failure(result);
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (script != null) {
        Arrays.fill(script, (byte) 0);
      }
    }
  }

  @Override
  public boolean delete(Reference reference, StoreContext context) throws StoreException {
    ServiceAccount item = ServiceAccount.forWriting(reference);
    SecurityTool security = SecurityTool.in(context);
    List<String> arguments = new ArrayList<>(List.of("delete-generic-password"));
    arguments.addAll(KeychainRead.filters(item));

    HelperProcess.Result result = security.run(arguments, null);
    if (result.exitCode() == SecurityTool.NOT_FOUND) {
      return false;
    }
    if (result.exitCode() != 0) {
      throw security.failure(result);
    }
    return true;
  }
}
