package dev.keyrun.backend.contract;

import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.keyring.KeyringStore;
import dev.keyrun.reference.Scheme;
import java.util.Map;

/** {@code keyring://SERVICE/ACCOUNT} with {@code KEYRUN_KEYRING=keychain}, on the fake security. */
class KeyringKeychainContractTest extends KeychainStoreContractTest {
  private final KeyringStore store = new KeyringStore();

  @Override
  protected WritableBackend backend() {
    return store;
  }

  @Override
  Scheme scheme() {
    return Scheme.KEYRING;
  }

  @Override
  Map<String, String> storeSettings() {
    return Map.of("KEYRUN_KEYRING", "keychain");
  }
}
