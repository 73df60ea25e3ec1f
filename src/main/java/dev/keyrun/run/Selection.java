package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.reference.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which keys the child receives from keyrun: the keys of the env files, and inherited
 * variables whose value is a reference, narrowed by {@code --only} and {@code --no-override}. An
 * inherited reference counts as a declared key, so {@code --clean-env} keeps it. Only the selected
 * keys are resolved, so a narrowed launch never touches the stores of the others.
 */
final class Selection {
  private Selection() {}

  static List<Declaration> select(
      Map<String, ExpandedValue> declared, Map<String, byte[]> environment, RunRequest request) {
    Map<String, Declaration> candidates = new LinkedHashMap<>();
    declared.forEach((key, value) -> candidates.put(key, new Declaration(key, value, false)));
    for (Declaration inherited : inheritedReferences(environment, request)) {
      // With --no-override the inherited reference wins over a declared key, and still resolves.
      if (!request.override() || !candidates.containsKey(inherited.key())) {
        candidates.put(inherited.key(), inherited);
      }
    }

    checkOnly(request.only(), candidates, environment);

    List<Declaration> selected = new ArrayList<>();
    for (Declaration declaration : candidates.values()) {
      if (!request.only().isEmpty() && !request.only().contains(declaration.key())) {
        continue;
      }
      boolean inheritedWins =
          !request.override()
              && !declaration.inherited()
              && CleanEnvironment.inherits(declaration.key(), environment, request.cleanEnv());
      if (!inheritedWins) {
        selected.add(declaration);
      }
    }
    return selected;
  }

  private static List<Declaration> inheritedReferences(
      Map<String, byte[]> environment, RunRequest request) {
    List<Declaration> references = new ArrayList<>();
    environment.forEach(
        (name, bytes) -> {
          String value = new String(bytes, StandardCharsets.UTF_8);
          if (Reference.isReference(value)) {
            ExpandedValue expanded =
                new ExpandedValue(name, List.of(new Piece(value, true)), "environment", 0, false);
            references.add(new Declaration(name, expanded, true));
          }
        });
    return references;
  }

  private static void checkOnly(
      Set<String> only, Map<String, Declaration> candidates, Map<String, byte[]> environment) {
    for (String key : only) {
      if (!candidates.containsKey(key) && !environment.containsKey(key)) {
        throw KeyrunException.failed(
            "--only " + key,
            "no env file or environment variable declares " + key,
            "check the name, or add it to an --env-file");
      }
    }
  }
}
