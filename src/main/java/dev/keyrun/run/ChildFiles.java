package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.files.MemoryFiles;
import dev.keyrun.files.SecretDirectory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that carry secrets to the command, and the variables that point at them: {@code
 * NAME_FILE} for each key, the Docker secrets convention, and {@code CREDENTIALS_DIRECTORY}, the
 * systemd one, when the files sit in a directory.
 *
 * <p>A directory must be removed when the command ends, so keyrun stays to supervise it. Memory
 * files (Linux) vanish with the last process that has them open, so keyrun can exec; they have no
 * directory.
 */
final class ChildFiles {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");
  static final String FILE_SUFFIX = "_FILE";
  private static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

  private final Map<String, byte[]> variables;
  private final SecretDirectory directory;
  private final MemoryFiles memory;

  private ChildFiles(Map<String, byte[]> variables, SecretDirectory directory, MemoryFiles memory) {
    this.variables = variables;
    this.directory = directory;
    this.memory = memory;
  }

  static ChildFiles none() {
    return new ChildFiles(Map.of(), null, null);
  }

  /**
   * Writes the plan's file keys, checking first that no {@code NAME_FILE} is declared as well.
   * Memory files are used only when keyrun can exec ({@code supervised} is false): the command then
   * owns the descriptors. A supervising keyrun writes a directory instead, whose files do not
   * depend on keyrun's process and which it removes when the command ends.
   */
  static ChildFiles write(
      DeliveryPlan plan,
      Map<String, byte[]> values,
      Map<String, byte[]> environment,
      boolean supervised) {
    if (plan.files().isEmpty()) {
      return none();
    }
    requireFreeNames(plan, values);
    if (plan.memoryFiles() && !supervised && MemoryFiles.available()) {
      return inMemory(plan, values);
    }
    if (plan.memoryFiles()) {
      LOG.info(
          supervised
              ? "keyrun stays as the command's parent, so the files go to a private directory"
                  + " rather than memory files (--memfd needs --no-mask or terminals)"
              : "memory files need Linux's memfd_create; writing a private directory instead");
    }
    return inDirectory(plan, values, environment);
  }

  private static ChildFiles inMemory(DeliveryPlan plan, Map<String, byte[]> values) {
    MemoryFiles memory = new MemoryFiles();
    Map<String, byte[]> variables = new LinkedHashMap<>();
    try {
      for (String key : plan.files()) {
        variables.put(key + FILE_SUFFIX, bytes(memory.create(key, values.get(key))));
      }
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
    LOG.info("{} delivered as memory files", String.join(", ", plan.files()));
    return new ChildFiles(variables, null, memory);
  }

  private static ChildFiles inDirectory(
      DeliveryPlan plan, Map<String, byte[]> values, Map<String, byte[]> environment) {
    SecretDirectory directory = SecretDirectory.create(environment);
    // A JVM that ends in another way than through the launcher (an unexpected error, a signal
    // keyrun does not handle) still removes the files through this hook.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(directory)));
    Map<String, byte[]> variables = new LinkedHashMap<>();
    try {
      int swept = SecretDirectory.sweep(directory.path().getParent());
      if (swept > 0) {
        LOG.info(
            "removed {} left by keyrun runs that were killed",
            swept == 1 ? "1 secret directory" : swept + " secret directories");
      }
      variables.put(CREDENTIALS_DIRECTORY, bytes(directory.path().toString()));
      for (String key : plan.files()) {
        variables.put(key + FILE_SUFFIX, bytes(directory.write(key, values.get(key)).toString()));
      }
    } catch (RuntimeException e) {
      directory.remove();
      throw e;
    }
    LOG.info("{} delivered as files in {}", String.join(", ", plan.files()), directory.path());
    return new ChildFiles(variables, directory, null);
  }

  /**
   * Adds the variables to the command's environment. An inherited CREDENTIALS_DIRECTORY (keyrun
   * runs inside a systemd unit) stays, because it may hold credentials keyrun does not deliver;
   * NAME_FILE still names each of keyrun's files.
   */
  void addTo(Map<String, byte[]> child) {
    variables.forEach(
        (name, value) -> {
          if (name.equals(CREDENTIALS_DIRECTORY) && child.containsKey(name)) {
            LOG.info("CREDENTIALS_DIRECTORY is inherited and stays; NAME_FILE names each file");
          } else {
            child.put(name, value);
          }
        });
  }

  /** Records the command's pid with the directory, which a later sweep then leaves alone. */
  void commandStarted(int pid) {
    if (directory != null) {
      directory.recordCommand(pid);
    }
  }

  /** Returns the descriptors the command must inherit. */
  Set<Integer> descriptors() {
    return memory == null ? Set.of() : memory.descriptors();
  }

  /** Tells whether keyrun must stay until the command ends, to remove the directory. */
  boolean needsSupervision() {
    return directory != null;
  }

  /** Removes the directory; memory files need nothing. Safe to call more than once. */
  void remove() {
    if (directory != null) {
      directory.remove();
    }
  }

  private static void removeQuietly(SecretDirectory directory) {
    try {
      directory.remove();
    } catch (RuntimeException e) {
      // The JVM is ending; what could not be removed, the next run's sweep removes.
    }
  }

  private static void requireFreeNames(DeliveryPlan plan, Map<String, byte[]> values) {
    for (String key : plan.files()) {
      if (values.containsKey(key + FILE_SUFFIX)) {
        throw KeyrunException.failed(
            key + FILE_SUFFIX,
            "declared, and also the variable that names the file holding " + key,
            "rename "
                + key
                + FILE_SUFFIX
                + ", or deliver "
                + key
                + " as a variable only (without --file or --as-files)");
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
