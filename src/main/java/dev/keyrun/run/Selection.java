package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
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
  private static final Set<Scheme> NOT_RESOLVED_WHEN_INHERITED =
      EnumSet.of(Scheme.FILE, Scheme.ENV);

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

    checkOnly(request.only(), candidates, request.project().isPresent());

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

  /** Returns the declarations whose key is in {@code keys}, in their order. */
  static List<Declaration> present(List<Declaration> selected, Set<String> keys) {
    List<Declaration> present = new ArrayList<>();
    for (Declaration declaration : selected) {
      if (keys.contains(declaration.key())) {
        present.add(declaration);
      }
    }
    return present;
  }

  private static List<Declaration> inheritedReferences(
      Map<String, byte[]> environment, RunRequest request) {
    List<Declaration> references = new ArrayList<>();
    environment.forEach(
        (name, bytes) -> {
          String value = new String(bytes, StandardCharsets.UTF_8);
          // KEYRUN_* variables are keyrun's own settings: KEYRUN_OP_TOKEN_REF names where a
          // token is, and resolving it here would hand the token to the command.
          if (!name.startsWith("KEYRUN_") && isInheritedReference(bytes)) {
            ExpandedValue expanded =
                new ExpandedValue(name, List.of(new Piece(value, true)), "environment", 0, false);
            references.add(new Declaration(name, expanded, true));
          }
        });
    return references;
  }

  /**
   * Tells whether an inherited value is a reference keyrun resolves: one of a secret store. {@code
   * file://} and {@code env://} are left alone, because ordinary settings hold such URLs ({@code
   * PIP_FIND_LINKS=file:///srv/wheels}) and must pass through unchanged.
   */
  static boolean isInheritedReference(byte[] value) {
    return Reference.parse(new String(value, StandardCharsets.UTF_8))
        .map(reference -> !NOT_RESOLVED_WHEN_INHERITED.contains(reference.scheme()))
        .orElse(false);
  }

  private static void checkOnly(
      Set<String> only, Map<String, Declaration> candidates, boolean manifest) {
    List<String> unknown = new ArrayList<>();
    for (String key : only) {
      if (!candidates.containsKey(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw KeyrunException.failed(
          "--only " + String.join(",", unknown),
          (manifest ? "no env file or manifest declares " : "no env file declares ")
              + String.join(", ", unknown)
              + ", and no inherited variable holds a reference by that name",
          "check the names, or add them to an --env-file");
    }
  }
}
