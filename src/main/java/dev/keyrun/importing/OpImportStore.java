package dev.keyrun.importing;

import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.onepassword.OpItems;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves values into 1Password: one API Credential item per key, titled with the key's name, in the
 * vault the user names. Before the first write it checks that op is signed in.
 */
final class OpImportStore implements ImportStore {
  private final OpItems items;
  private final String vault;
  private boolean probed;

  OpImportStore(OpItems items, String vault) {
    this.items = items;
    this.vault = vault;
  }

  @Override
  public String name() {
    return "1Password vault " + vault;
  }

  @Override
  public Reference referenceFor(String name) {
    return new Reference(Scheme.OP, vault + "/" + name + "/" + OpItems.FIELD);
  }

  @Override
  public void prepare(Reference reference) throws StoreException {
    if (!probed) {
      items.probe();
      probed = true;
    }
  }

  @Override
  public Map<Reference, Optional<Secret>> existing(List<Reference> references)
      throws StoreException {
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      values.put(reference, items.read(vault, title(reference)));
    }
    return values;
  }

  @Override
  public void store(Reference reference, Secret value) throws StoreException {
    items.create(vault, title(reference), value);
  }

  private String title(Reference reference) {
    String body = reference.body();
    return body.substring(vault.length() + 1, body.lastIndexOf('/'));
  }
}
