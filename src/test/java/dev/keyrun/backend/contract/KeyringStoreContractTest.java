package dev.keyrun.backend.contract;

import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.keyring.KeyringStore;
import dev.keyrun.reference.Scheme;

/**
 * {@code keyring://SERVICE/ACCOUNT} with {@code KEYRUN_KEYRING} unset, which on Linux is the Secret
 * Service, against the same test keyring as {@link SecretServiceStoreContractTest}.
 */
class KeyringStoreContractTest extends SecretServiceStoreContractTest {
  private final KeyringStore store = new KeyringStore();

  @Override
  protected WritableBackend backend() {
    return store;
  }

  @Override
  Scheme scheme() {
    return Scheme.KEYRING;
  }
}
