package dev.keyrun.backend;

import dev.keyrun.dotenv.KeyGrammar;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code env://NAME}: a variable of keyrun's own environment, to pass a secret on under a new name.
 */
public final class EnvStore implements Backend {
  private static final StoreInfo INFO =
      new StoreInfo(
          "environment",
          List.of(Scheme.ENV),
          "a variable of keyrun's own environment, under a new name",
          "env://LEGACY_TOKEN",
          "export the variable before running keyrun");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    return "not found: keyrun's environment has no variable " + reference.body();
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(
      List<Reference> references, StoreContext context) {
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      if (!KeyGrammar.isValid(reference.body())) {
        throw new InvalidReferenceException(
            reference, "invalid variable name", "env://NAME, NAME as in [A-Za-z_][A-Za-z0-9_.-]*");
      }
      byte[] value = context.environment().get(reference.body());
      values.put(reference, Optional.ofNullable(value).map(Secret::of));
    }
    return values;
  }
}
