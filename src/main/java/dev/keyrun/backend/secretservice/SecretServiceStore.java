package dev.keyrun.backend.secretservice;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WriteOptions;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code secret-service://SERVICE[/ACCOUNT]}: an item of the freedesktop Secret Service (GNOME
 * Keyring, KeePassXC, KWallet) with the attributes {@code service} and {@code account}, read and
 * written through libsecret. Items that {@code secret-tool store --label=L service S account A}
 * made are found, and so are those of keytar-based applications.
 */
public final class SecretServiceStore implements WritableBackend {
  private static final StoreInfo INFO =
      new StoreInfo(
          "Secret Service",
          List.of(Scheme.SECRET_SERVICE),
          "items of the desktop keyring (GNOME Keyring, KeePassXC, KWallet) through libsecret",
          "secret-service://openai/default",
          "add it with: keyrun set REFERENCE (the value is read from stdin or a prompt)");

  private final StoreInfo info;

  public SecretServiceStore() {
    this(INFO);
  }

  /** Creates the store under another name, as {@code keyring://} uses it on Linux. */
  public SecretServiceStore(StoreInfo info) {
    this.info = info;
  }

  @Override
  public StoreInfo info() {
    return info;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    Map<Reference, ServiceAccount> items = new LinkedHashMap<>();
    for (Reference reference : references) {
      items.put(reference, ServiceAccount.of(reference));
    }

    SecretServiceErrors errors = new SecretServiceErrors(context);
    try {
      SecretServiceClient client = new SecretServiceClient();
      List<Optional<byte[]>> found = client.lookupAll(List.copyOf(items.values()));
      Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
      int i = 0;
      for (Reference reference : items.keySet()) {
        values.put(reference, found.get(i++).map(SecretServiceStore::wrap));
      }
      if (values.containsValue(Optional.empty())) {
        errors.requireUsableCollection(client.defaultCollection());
      }
      return values;
    } catch (SecretServiceException e) {
      throw errors.describe(e);
    } catch (LinkageError e) {
      throw errors.libraryMissing(e);
    }
  }

  @Override
  public String missingHint(Reference reference) {
    return ServiceAccount.setHint(reference);
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    return "not found in the "
        + info.name()
        + " (no item with "
        + ServiceAccount.of(reference).describe()
        + ")";
  }

  @Override
  public void prepare(Reference reference, WriteOptions options, StoreContext context)
      throws StoreException {
    ServiceAccount.forWriting(reference);
    if (options.allowAnyApp()) {
      throw new StoreException(
          "--allow-any-app applies only to the macOS Keychain",
          "leave it out: every program of your desktop session can read Secret Service items");
    }

    SecretServiceErrors errors = new SecretServiceErrors(context);
    try {
      SecretServiceClient.CollectionState state = new SecretServiceClient().defaultCollection();
      boolean canPrompt =
          context.environmentText("DISPLAY") != null
              || context.environmentText("WAYLAND_DISPLAY") != null;
      if (state == SecretServiceClient.CollectionState.ABSENT
          || (state == SecretServiceClient.CollectionState.LOCKED && !canPrompt)) {
        errors.requireUsableCollection(state);
      }
    } catch (SecretServiceException e) {
      throw errors.describe(e);
    } catch (LinkageError e) {
      throw errors.libraryMissing(e);
    }
  }

  @Override
  public void store(Reference reference, Secret value, WriteOptions options, StoreContext context)
      throws StoreException {
    ServiceAccount item = ServiceAccount.forWriting(reference);
    byte[] bytes = value.bytes();
    SecretServiceErrors errors = new SecretServiceErrors(context);
    try {
      requireText(bytes);
      new SecretServiceClient().store(item, item.label(), bytes);
    } catch (SecretServiceException e) {
      throw errors.describe(e);
    } catch (LinkageError e) {
      throw errors.libraryMissing(e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public boolean delete(Reference reference, StoreContext context) throws StoreException {
    ServiceAccount item = ServiceAccount.forWriting(reference);
    SecretServiceErrors errors = new SecretServiceErrors(context);
    try {
      SecretServiceClient client = new SecretServiceClient();
      boolean deleted = client.delete(item);
      if (!deleted) {
        errors.requireUsableCollection(client.defaultCollection());
      }
      return deleted;
    } catch (SecretServiceException e) {
      throw errors.describe(e);
    } catch (LinkageError e) {
      throw errors.libraryMissing(e);
    }
  }

  /** Wraps {@code bytes} and overwrites the array, which {@link Secret#of} copies. */
  private static Secret wrap(byte[] bytes) {
    Secret secret = Secret.of(bytes);
    java.util.Arrays.fill(bytes, (byte) 0);
    return secret;
  }

  /** Rejects values libsecret's text interface cannot carry: NUL bytes and invalid UTF-8. */
  private static void requireText(byte[] value) throws StoreException {
    boolean hasNul = false;
    for (byte b : value) {
      hasNul |= b == 0;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      hasNul = true;
    }
    if (hasNul) {
      throw new StoreException(
          "the value is not UTF-8 text without NUL bytes, which the Secret Service stores",
          "encode binary values, for example with base64, before storing them");
    }
  }
}
