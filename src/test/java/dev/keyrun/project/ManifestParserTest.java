package dev.keyrun.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.reference.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {
  @TempDir Path directory;

  private Path write(String content) throws Exception {
    Path project = Files.createDirectories(directory.resolve("billing"));
    return Files.writeString(project.resolve("keyrun.toml"), content);
  }

  private Manifest parse(String content) throws Exception {
    return ManifestParser.parse(write(content));
  }

  /**
   * Parses {@code content}, expecting a failure, and checks that it is one line at {@code line}.
   */
  private KeyrunException failure(String content, int line) throws Exception {
    Path file = write(content);
    KeyrunException e = assertThrows(KeyrunException.class, () -> ManifestParser.parse(file));
    assertEquals(file + ":" + line, e.subject(), e.getMessage());
    assertFalse(e.problem().contains("\n"), e.problem());
    return e;
  }

  @Test
  void fullManifestParses() throws Exception {
    Manifest manifest =
        parse(
            """
            [project]
            name = "billing"
            default-profile = "laptop"

            [keys.OPENAI_API_KEY]
            description = "OpenAI key for the summariser"
            ref = "keyring://openai/default"
            required = true
            delivery = "env"
            max-age-days = 90

            [keys.DATABASE_URL]
            required = false

            [profiles.laptop]
            DATABASE_URL = "dotenv:DATABASE_URL"

            [profiles.server]
            OPENAI_API_KEY = "systemd-creds://openai"
            DATABASE_URL = { ref = "systemd-creds://db", delivery = "file", required = true }
            """);

    assertEquals("billing", manifest.name());
    assertEquals(Optional.of("laptop"), manifest.defaultProfile());
    assertEquals(List.of("laptop", "server"), List.copyOf(manifest.profiles().keySet()));

    ProjectKey openai = manifest.keys().get(0);
    assertEquals("OPENAI_API_KEY", openai.name());
    assertEquals("OpenAI key for the summariser", openai.description());
    assertTrue(openai.required());
    assertEquals(Reference.parse("keyring://openai/default"), openai.reference());
    assertEquals(KeyDelivery.ENV, openai.delivery());
    assertEquals(OptionalInt.of(90), openai.maxAgeDays());
    assertEquals(5, openai.line());

    ProjectKey database = manifest.keys().get(1);
    assertFalse(database.required());
    assertEquals(Optional.empty(), database.reference());
    assertEquals(KeyDelivery.DEFAULT, database.delivery());
    assertEquals(12, database.line());

    ProfileEntry server = manifest.profiles().get("server").get("DATABASE_URL");
    assertEquals(Reference.parse("systemd-creds://db"), server.reference());
    assertEquals(Optional.of(KeyDelivery.FILE), server.delivery());
    assertEquals(Optional.of(true), server.required());
    assertEquals(20, server.line());
  }

  @Test
  void nameDefaultsToDirectory() throws Exception {
    Manifest manifest = parse("[keys.A]\nref = \"dotenv:A\"\n");

    assertEquals("billing", manifest.name());
    assertEquals(Optional.empty(), manifest.defaultProfile());
  }

  @Test
  void emptyManifestDeclaresNothing() throws Exception {
    Manifest manifest = parse("# nothing yet\n");

    assertTrue(manifest.keys().isEmpty());
    assertTrue(manifest.profiles().isEmpty());
  }

  @Test
  void inlineAndDottedKeysParse() throws Exception {
    Manifest manifest = parse("[keys]\nA = { ref = \"dotenv:A\" }\nB.ref = \"env://B\"\n");

    assertEquals(2, manifest.keys().size());
    assertEquals(2, manifest.keys().get(0).line());
    assertEquals(3, manifest.keys().get(1).line());
  }

  @Test
  void malformedTomlNamesLine() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"dotenv:A\ndescription = \"x\"\n", 2);

    assertTrue(e.problem().startsWith("invalid TOML"), e.problem());
  }

  @Test
  void tableDefinedTwiceNamesSecondTable() throws Exception {
    KeyrunException e =
        failure("[keys.A]\nref = \"dotenv:A\"\n\n[keys.A]\nref = \"dotenv:B\"\n", 4);

    assertEquals("table defined twice", e.problem());
  }

  @Test
  void keyDefinedTwiceNamesSecondLine() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"dotenv:A\"\nref = \"dotenv:B\"\n\n", 3);

    assertEquals("key defined twice", e.problem());
  }

  @Test
  void unknownFieldIsRejected() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"dotenv:A\"\ndescripton = \"typo\"\n", 3);

    assertEquals("unknown field \"descripton\" in [keys.A]", e.problem());
  }

  @Test
  void unknownTopLevelTableIsRejected() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"dotenv:A\"\n\n[profile.laptop]\n", 4);

    assertEquals("unknown field \"profile\"", e.problem());
  }

  @Test
  void unknownFieldInProjectIsRejected() throws Exception {
    KeyrunException e = failure("[project]\nname = \"x\"\ndefault_profile = \"a\"\n", 3);

    assertTrue(e.problem().contains("default_profile"), e.problem());
  }

  @Test
  void unknownFieldInInlineEntryIsRejected() throws Exception {
    KeyrunException e =
        failure(
            "[keys.A]\nref = \"dotenv:A\"\n[profiles.p]\nA = { ref = \"env://A\", file = 1 }\n", 4);

    assertEquals("unknown field \"file\" in [profiles.p.A]", e.problem());
  }

  @Test
  void unknownSchemeIsNamed() throws Exception {
    KeyrunException e = failure("[keys.A]\ndescription = \"a\"\nref = \"vault://a/b\"\n", 3);

    assertEquals("keys.A.ref has an unknown scheme \"vault:\"", e.problem());
  }

  @Test
  void misspeltSchemeGetsHint() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"keyrng://a/b\"\n", 2);

    assertEquals("did you mean keyring://?", e.hint());
  }

  @Test
  void plainValueIsRejectedWithoutEcho() throws Exception {
    KeyrunException e = failure("[keys.A]\nref = \"sk-live-4242424242\"\n", 2);

    assertEquals("keys.A.ref is not a keyrun reference", e.problem());
    assertFalse(e.getMessage().contains("4242"), e.getMessage());
    assertFalse(e.hint().contains("4242"), e.hint());
  }

  @Test
  void plainValueInProfileIsRejected() throws Exception {
    KeyrunException e =
        failure("[keys.A]\nref = \"dotenv:A\"\n\n[profiles.server]\nA = \"hunter2\"\n", 5);

    assertEquals("profiles.server.A is not a keyrun reference", e.problem());
  }

  @Test
  void profileKeyMustBeDeclared() throws Exception {
    KeyrunException e =
        failure("[keys.A]\nref = \"dotenv:A\"\n\n[profiles.server]\nB = \"dotenv:B\"\n", 5);

    assertEquals("B in [profiles.server] is not declared under [keys]", e.problem());
  }

  @Test
  void invalidKeyNameIsRejected() throws Exception {
    KeyrunException e = failure("[keys.\"API KEY\"]\nref = \"dotenv:A\"\n", 1);

    assertEquals("invalid key name \"API KEY\"", e.problem());
  }

  @Test
  void wrongTypesAreRejected() throws Exception {
    assertEquals(
        "keys.A.required must be true or false",
        failure("[keys.A]\nref = \"dotenv:A\"\nrequired = \"yes\"\n", 3).problem());
    assertEquals(
        "keys.A.delivery must be \"env\" or \"file\"",
        failure("[keys.A]\nref = \"dotenv:A\"\ndelivery = \"disk\"\n", 3).problem());
    assertEquals(
        "keys.A.max-age-days must be a whole number of days above 0",
        failure("[keys.A]\nref = \"dotenv:A\"\nmax-age-days = 0\n", 3).problem());
    assertEquals(
        "keys.A.description must be a string",
        failure("[keys.A]\nref = \"dotenv:A\"\ndescription = 3\n", 3).problem());
    assertEquals("keys.A must be a table", failure("[keys]\nA = \"dotenv:A\"\n", 2).problem());
    assertEquals(
        "profiles.p.A must be a reference or a table",
        failure("[keys.A]\nref = \"dotenv:A\"\n[profiles.p]\nA = 7\n", 4).problem());
  }

  @Test
  void undefinedDefaultProfileIsRejected() throws Exception {
    KeyrunException e =
        failure(
            "[project]\ndefault-profile = \"laptp\"\n\n[keys.A]\nref = \"dotenv:A\"\n"
                + "[profiles.laptop]\n",
            2);

    assertEquals("default-profile \"laptp\" is not defined", e.problem());
    assertEquals("defined profiles: laptop", e.hint());
  }

  @Test
  void missingManifestIsReported() {
    Path missing = directory.resolve("none.toml");
    KeyrunException e = assertThrows(KeyrunException.class, () -> ManifestParser.parse(missing));

    assertEquals(missing.toString(), e.subject());
    assertEquals("no such file", e.problem());
  }

  @Test
  void invalidUtf8IsRejected() throws Exception {
    Path file = write("");
    Files.write(file, new byte[] {'a', '=', '"', (byte) 0xff, '"', '\n'});

    KeyrunException e = assertThrows(KeyrunException.class, () -> ManifestParser.parse(file));

    assertEquals("is not valid UTF-8", e.problem());
  }
}
