package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, for each selected key, whether it reaches the command as a file, as an environment
 * variable, or both. A key is a file when {@code --as-files} or {@code --file} requests it, or when
 * its value comes from systemd credentials, which are meant to be read from files, unless {@code
 * --as-env} names it. A key that is not a file is an environment variable; {@code --as-env} adds
 * the variable to a file.
 */
final class DeliveryPlan {
  private final Set<String> files;
  private final Set<String> variables;
  private final boolean memoryFiles;

  private DeliveryPlan(Set<String> files, Set<String> variables, boolean memoryFiles) {
    this.files = files;
    this.variables = variables;
    this.memoryFiles = memoryFiles;
  }

  static DeliveryPlan of(List<Declaration> selected, Delivery requested) {
    Set<String> declared = new LinkedHashSet<>();
    selected.forEach(declaration -> declared.add(declaration.key()));
    requireDeclared("--file", requested.fileKeys(), declared);
    requireDeclared("--as-env", requested.environmentKeys(), declared);

    Set<String> files = new LinkedHashSet<>();
    Set<String> variables = new LinkedHashSet<>();
    for (Declaration declaration : selected) {
      String key = declaration.key();
      boolean asEnvironment = requested.environmentKeys().contains(key);
      boolean fromCredentials = !CredentialNames.in(declaration.value()).isEmpty();
      boolean asFile =
          requested.allFiles()
              || requested.fileKeys().contains(key)
              || (fromCredentials && !asEnvironment);
      if (asFile) {
        files.add(key);
      }
      if (!asFile || asEnvironment) {
        variables.add(key);
      }
    }

    if (requested.memoryFiles() && files.isEmpty()) {
      throw KeyrunException.failed(
          "--memfd",
          "no key is delivered as a file",
          "add --as-files, or --file NAME for the keys that should be files");
    }
    return new DeliveryPlan(files, variables, requested.memoryFiles());
  }

  /** Returns this plan for the keys in {@code kept} only: those that resolved. */
  DeliveryPlan retain(Set<String> kept) {
    Set<String> keptFiles = new LinkedHashSet<>(files);
    keptFiles.retainAll(kept);
    Set<String> keptVariables = new LinkedHashSet<>(variables);
    keptVariables.retainAll(kept);
    return new DeliveryPlan(keptFiles, keptVariables, memoryFiles);
  }

  /** Returns the keys delivered as files, in declaration order. */
  Set<String> files() {
    return files;
  }

  /** Tells whether {@code key} is set as an environment variable. */
  boolean isVariable(String key) {
    return variables.contains(key);
  }

  /** Tells whether the files should be memory descriptors rather than a directory. */
  boolean memoryFiles() {
    return memoryFiles;
  }

  private static void requireDeclared(String option, Set<String> keys, Set<String> declared) {
    List<String> unknown = new ArrayList<>();
    for (String key : keys) {
      if (!declared.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw KeyrunException.failed(
          option + " " + String.join(",", unknown),
          unknown.size() == 1
              ? "not a key of the env files or of --only"
              : "not keys of the env files or of --only",
          "name keys that the env files declare");
    }
  }
}
