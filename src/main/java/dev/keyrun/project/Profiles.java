package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the active profile: {@code --profile}, else {@code KEYRUN_PROFILE}, else the machine's
 * default from the user's config, else the manifest's {@code default-profile}, else none.
 *
 * <p>A profile named by {@code --profile} or {@code KEYRUN_PROFILE} must be defined. A machine
 * default that the manifest does not define means no profile: the machine setting is meant for
 * every project, and a project without that profile then runs with its {@code [keys]} references as
 * written.
 */
final class Profiles {
  static final String ENVIRONMENT_VARIABLE = "KEYRUN_PROFILE";

  /** The origin of a choice when nothing chose a profile. */
  static final String NO_PROFILE = "none";

  /** The chosen profile, or none, and what chose it. */
  record Choice(Optional<String> name, String origin) {

    /** Describes the choice for --verbose, such as {@code profile laptop (from --profile)}. */
    String describe() {
      if (name.isPresent()) {
        return "profile " + name.get() + " (from " + origin + ")";
      }
      return origin.equals(NO_PROFILE) ? "no profile" : "no profile (" + origin + ")";
    }
  }

  private Profiles() {}

  static Choice choose(
      Manifest manifest,
      Optional<String> option,
      Map<String, byte[]> environment,
      Optional<String> machineDefault) {
    Collection<String> defined = manifest.profiles().keySet();
    if (option.isPresent()) {
      return new Choice(
          Optional.of(requireDefined(manifest, option.get(), "--profile")), "--profile");
    }

    byte[] variable = environment.get(ENVIRONMENT_VARIABLE);
    if (variable != null && variable.length > 0) {
      String name = new String(variable, java.nio.charset.StandardCharsets.UTF_8);
      return new Choice(
          Optional.of(requireDefined(manifest, name, ENVIRONMENT_VARIABLE)), ENVIRONMENT_VARIABLE);
    }

    if (machineDefault.isPresent() && defined.contains(machineDefault.get())) {
      return new Choice(machineDefault, "the user config");
    }
    // The machine's default serves every project on it; one that does not define it keeps its own.
    String skipped =
        machineDefault
            .map(name -> "; the user config's default " + name + " is not defined here")
            .orElse("");
    if (manifest.defaultProfile().isPresent()) {
      return new Choice(
          manifest.defaultProfile(), "default-profile of " + manifest.file() + skipped);
    }
    return new Choice(Optional.empty(), skipped.isEmpty() ? NO_PROFILE : skipped.substring(2));
  }

  private static String requireDefined(Manifest manifest, String name, String origin) {
    if (name.isEmpty()) {
      throw KeyrunException.failed(
          origin, "empty profile name", defined(manifest.profiles().keySet()));
    }
    if (!manifest.profiles().containsKey(name)) {
      throw KeyrunException.failed(
          origin + (origin.startsWith("-") ? " " : "=") + name,
          "no such profile in " + manifest.file(),
          defined(manifest.profiles().keySet()));
    }
    return name;
  }

  /** Returns a hint listing the defined profiles. */
  static String defined(Collection<String> profiles) {
    if (profiles.isEmpty()) {
      return "the manifest defines no profile; add a [profiles.NAME] table";
    }
    return "defined profiles: " + String.join(", ", profiles);
  }
}
