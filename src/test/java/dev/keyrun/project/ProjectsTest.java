package dev.keyrun.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.reference.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile selection and how a profile changes the keys. */
class ProjectsTest {
  private static final String MANIFEST =
      """
      [project]
      default-profile = "laptop"

      [keys.API]
      description = "the API key"
      ref = "keyring://api/default"

      [keys.DB]
      required = false

      [keys.TOKEN]
      ref = "dotenv:TOKEN"
      delivery = "file"

      [profiles.laptop]
      DB = "dotenv:DB"

      [profiles.server]
      API = "systemd-creds://api"
      DB = { ref = "systemd-creds://db", delivery = "env" }
      TOKEN = { required = false }
      """;

  @TempDir Path directory;
  private Path manifest;

  @BeforeEach
  void writeManifest() throws Exception {
    manifest = Files.writeString(directory.resolve("keyrun.toml"), MANIFEST);
  }

  private Project load(Optional<String> profile, Map<String, byte[]> environment) {
    return load(profile, environment, Optional.empty());
  }

  private Project load(
      Optional<String> profile, Map<String, byte[]> environment, Optional<String> machine) {
    return Projects.load(Optional.empty(), profile, environment, machine, directory).orElseThrow();
  }

  private static Map<String, byte[]> profileVariable(String name) {
    return Map.of("KEYRUN_PROFILE", name.getBytes(StandardCharsets.UTF_8));
  }

  private static ProjectKey key(Project project, String name) {
    return project.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void defaultProfileApplies() {
    Project project = load(Optional.empty(), Map.of());

    assertEquals(Optional.of("laptop"), project.profile());
    assertTrue(project.profileOrigin().startsWith("default-profile"), project.profileOrigin());
    assertEquals(Reference.parse("dotenv:DB"), key(project, "DB").reference());
    assertEquals(16, key(project, "DB").line());
    assertEquals(Reference.parse("keyring://api/default"), key(project, "API").reference());
  }

  @Test
  void profileOptionWinsOverVariable() {
    Project project = load(Optional.of("server"), profileVariable("laptop"));

    assertEquals(Optional.of("server"), project.profile());
    assertEquals("--profile", project.profileOrigin());
  }

  @Test
  void variableWinsOverMachineDefault() {
    Project project = load(Optional.empty(), profileVariable("server"), Optional.of("laptop"));

    assertEquals(Optional.of("server"), project.profile());
    assertEquals("KEYRUN_PROFILE", project.profileOrigin());
  }

  @Test
  void machineDefaultWinsOverDefaultProfile() {
    Project project = load(Optional.empty(), Map.of(), Optional.of("server"));

    assertEquals(Optional.of("server"), project.profile());
    assertEquals("the user config", project.profileOrigin());
  }

  @Test
  void undefinedMachineDefaultKeepsTheManifestDefault() {
    Project project = load(Optional.empty(), Map.of(), Optional.of("ci"));

    assertEquals(Optional.of("laptop"), project.profile());
    assertTrue(
        project.profileOrigin().endsWith("the user config's default ci is not defined here"));
  }

  @Test
  void choiceDescriptionsForVerbose() {
    assertEquals(
        "profile server (from --profile)",
        new Profiles.Choice(Optional.of("server"), "--profile").describe());
    assertEquals("no profile", new Profiles.Choice(Optional.empty(), "none").describe());
    assertEquals(
        "no profile (the user config's default ci is not defined)",
        new Profiles.Choice(Optional.empty(), "the user config's default ci is not defined")
            .describe());
  }

  @Test
  void serverProfileReplacesReferencesAndDelivery() {
    Project project = load(Optional.of("server"), Map.of());

    assertEquals(Reference.parse("systemd-creds://api"), key(project, "API").reference());
    assertEquals("the API key", key(project, "API").description());
    assertEquals(KeyDelivery.ENV, key(project, "DB").delivery());
    assertFalse(key(project, "TOKEN").required());
    assertEquals(Reference.parse("dotenv:TOKEN"), key(project, "TOKEN").reference());
    assertEquals(KeyDelivery.FILE, key(project, "TOKEN").delivery());
  }

  @Test
  void projectListsProfilesAndName() {
    Project project = load(Optional.empty(), Map.of());

    assertEquals(manifest, project.manifest());
    assertEquals(directory.getFileName().toString(), project.name());
    assertEquals(List.of("laptop", "server"), project.profiles());
    assertEquals(
        List.of("API", "DB", "TOKEN"), project.keys().stream().map(ProjectKey::name).toList());
  }

  @Test
  void unknownProfileOptionListsProfiles() {
    KeyrunException e =
        assertThrows(KeyrunException.class, () -> load(Optional.of("laptp"), Map.of()));

    assertEquals("--profile laptp", e.subject());
    assertEquals("no such profile in " + manifest, e.problem());
    assertEquals("defined profiles: laptop, server", e.hint());
  }

  @Test
  void unknownProfileVariableListsProfiles() {
    KeyrunException e =
        assertThrows(KeyrunException.class, () -> load(Optional.empty(), profileVariable("prod")));

    assertEquals("KEYRUN_PROFILE=prod", e.subject());
    assertEquals("defined profiles: laptop, server", e.hint());
  }

  @Test
  void requiredKeyWithoutReferenceFails() throws Exception {
    Files.writeString(
        manifest, "[keys.A]\ndescription = \"a\"\n\n[keys.B]\n\n[profiles.p]\nA = \"env://A\"\n");

    KeyrunException e = assertThrows(KeyrunException.class, () -> load(Optional.empty(), Map.of()));

    assertEquals(manifest + ":1", e.earlier().get(0).subject());
    assertEquals("A is required and has no reference (no profile)", e.earlier().get(0).problem());
    assertEquals(manifest + ":4", e.subject());
  }

  @Test
  void profileSuppliesMissingReference() throws Exception {
    Files.writeString(manifest, "[keys.A]\n\n[profiles.p]\nA = \"env://A\"\n");

    Project project = load(Optional.of("p"), Map.of());

    assertEquals(Reference.parse("env://A"), key(project, "A").reference());
    assertEquals(4, key(project, "A").line());
  }

  @Test
  void profileWithoutManifestFails() throws Exception {
    Files.delete(manifest);

    KeyrunException e =
        assertThrows(
            KeyrunException.class,
            () ->
                Projects.load(
                    Optional.empty(),
                    Optional.of("server"),
                    Map.of(),
                    Optional.empty(),
                    directory));

    assertEquals("--profile server", e.subject());
  }

  @Test
  void noManifestMeansNoProject() throws Exception {
    Files.delete(manifest);

    assertEquals(
        Optional.empty(),
        Projects.load(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), directory));
  }
}
