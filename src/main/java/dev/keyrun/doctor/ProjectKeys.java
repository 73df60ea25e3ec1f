package dev.keyrun.doctor;

import dev.keyrun.KeyrunException;
import dev.keyrun.config.UserConfig;
import dev.keyrun.project.ManifestDiscovery;
import dev.keyrun.project.Project;
import dev.keyrun.project.Projects;
import dev.keyrun.run.DeclaredKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a run in the project directory would declare, for the checks about keys: the {@code
 * keyrun.toml} of that directory with the active profile, else its {@code .env}, as {@code keyrun
 * ls} and {@code keyrun check} read them. It also contains the user's environment, home directory
 * and config, which those checks need to find the stores and the inventory.
 *
 * @param keys the declared keys, in declaration order; empty when {@code source} is empty
 * @param source the file the keys come from, relative to the project directory, or empty when the
 *     directory has neither a manifest nor a .env
 */
record ProjectKeys(
    List<DeclaredKeys.Key> keys,
    Optional<String> source,
    Map<String, byte[]> environment,
    Path home,
    UserConfig config) {

  /**
   * Reads the keys of the project in {@code scope}.
   *
   * @throws KeyrunException when a run would reject the config file, the manifest or the .env, such
   *     as for a syntax error or a plaintext .env that others can read
   */
  static ProjectKeys load(Scope scope) {
    Map<String, byte[]> environment = environment(scope.host());
    Path home = home(scope.host());
    UserConfig config = UserConfig.load(environment, home);

    Path directory = scope.project().directory();
    Path manifest = directory.resolve(ManifestDiscovery.FILE_NAME);
    if (hasManifest(directory)) {
      Optional<Project> project =
          Projects.find(
              Optional.of(manifest),
              Optional.empty(),
              environment,
              config.fileProfile(),
              directory);
      List<DeclaredKeys.Key> keys = DeclaredKeys.of(project, List.of(), environment);
      return new ProjectKeys(
          keys, Optional.of(ManifestDiscovery.FILE_NAME), environment, home, config);
    }

    Path envFile = directory.resolve(".env");
    if (Files.isRegularFile(envFile, LinkOption.NOFOLLOW_LINKS)) {
      List<DeclaredKeys.Key> keys =
          DeclaredKeys.of(Optional.empty(), List.of(envFile), environment);
      return new ProjectKeys(keys, Optional.of(".env"), environment, home, config);
    }
    return new ProjectKeys(List.of(), Optional.empty(), environment, home, config);
  }

  /** Tells whether {@code directory} contains a keyrun.toml, which then declares its keys. */
  static boolean hasManifest(Path directory) {
    return Files.exists(directory.resolve(ManifestDiscovery.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
  }

  /** Tells whether {@code failure}, thrown by {@link #load}, is about the project's .env. */
  static boolean aboutEnvFile(Path directory, KeyrunException failure) {
    String envFile = directory.resolve(".env").toString();
    return failure.subject().equals(envFile) || failure.subject().startsWith(envFile + ":");
  }

  /** Returns the skipped finding of {@code check} for a directory without manifest or .env. */
  static Finding noKeys(String check, Path directory) {
    return Finding.skipped(
        check,
        "no "
            + ManifestDiscovery.FILE_NAME
            + " or .env in "
            + directory
            + "; keyrun init writes a "
            + ManifestDiscovery.FILE_NAME);
  }

  /** Returns {@code failure} as one line: what failed, on which file, without the hint. */
  static String describe(KeyrunException failure) {
    return "cannot load the project's keys: " + failure.subject() + ": " + failure.problem();
  }

  /** Returns the keys whose value, as declared, contains at least one reference. */
  List<DeclaredKeys.Key> referencedKeys() {
    return keys.stream()
        .filter(key -> key.value().map(value -> !value.isPlain()).orElse(false))
        .toList();
  }

  /**
   * Returns the file and line of {@code origin}, such as {@code /src/app/keyrun.toml:7}, with the
   * file relative to {@code directory}.
   */
  static Finding at(
      Path directory, String origin, String check, Status status, String text, String fix) {
    int colon = origin.lastIndexOf(':');
    String file = colon < 0 ? origin : origin.substring(0, colon);
    int line = 0;
    if (colon >= 0) {
      try {
        line = Integer.parseInt(origin.substring(colon + 1));
      } catch (NumberFormatException e) {
        file = origin;
      }
    }
    Path path = Path.of(file);
    if (path.isAbsolute() && path.startsWith(directory)) {
      file = directory.relativize(path).toString();
    }
    return new Finding(check, status, text, fix, file, line);
  }

  /** Returns the host's environment as bytes, the form the stores and the config read. */
  private static Map<String, byte[]> environment(Host host) {
    Map<String, byte[]> bytes = new HashMap<>();
    host.environment()
        .forEach((name, value) -> bytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return bytes;
  }

  /** Returns $HOME when it is an absolute path, as the other commands do, else the host's home. */
  private static Path home(Host host) {
    String home = host.environment().getOrDefault("HOME", "");
    return home.startsWith("/") ? Path.of(home) : host.home();
  }
}
