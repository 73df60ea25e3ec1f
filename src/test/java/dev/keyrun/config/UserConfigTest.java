package dev.keyrun.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.launch.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserConfigTest {
  private static final String FULL =
      """
      # machine defaults
      profile = "laptop"
      keyring = "secret-service"
      timeout = 12
      mask = "never"

      [dotenv]
      store = "~/keys/secrets.env"

      [op]
      service-account-token = "keyring://op/service-account"

      [credstore]
      path = [
        "/etc/credstore",
        "/etc/credstore.encrypted",
      ]

      [rotation]
      max-age-days = 30
      """;

  @TempDir Path home;

  private final Map<String, byte[]> environment = new HashMap<>();
  private Path file;

  @BeforeEach
  void locateFile() {
    file = home.resolve(".config/keyrun/config.toml");
  }

  private void write(String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  private void set(String name, String value) {
    environment.put(name, value.getBytes(UTF_8));
  }

  private UserConfig load() {
    return UserConfig.load(environment, home);
  }

  private KeyrunException failure(String content) throws Exception {
    write(content);
    return assertThrows(KeyrunException.class, this::load);
  }

  private Source source(UserConfig config, Setting setting) {
    return config.get(setting).source();
  }

  @Test
  void missingFileGivesDefaults() {
    UserConfig config = load();

    assertFalse(config.fileFound());
    assertEquals(file, config.file());
    assertEquals(Optional.empty(), config.profile());
    assertEquals(30, config.timeoutSeconds());
    assertEquals("auto", config.mask());
    assertEquals(90, config.rotationMaxAgeDays());
    assertEquals(
        home.resolve(".config/keyrun/secrets.env"), config.get(Setting.DOTENV_STORE).value());
    for (UserConfig.Effective effective : config.settings()) {
      assertEquals(Source.Kind.DEFAULT, effective.source().kind(), effective.setting().key());
    }
  }

  @Test
  void missingFileLeavesStoreSettingsEmpty() {
    StoreSettings settings = load().storeSettings();

    assertEquals(Optional.empty(), settings.dotenvStore());
    assertEquals(Optional.empty(), settings.opTokenReference());
    assertEquals(Optional.empty(), settings.keyring());
    assertEquals(Optional.empty(), settings.credstorePath());
  }

  @Test
  void fileSetsEverySetting() throws Exception {
    write(FULL);

    UserConfig config = load();

    assertTrue(config.fileFound());
    assertEquals(Optional.of("laptop"), config.profile());
    assertEquals(12, config.timeoutSeconds());
    assertEquals("never", config.mask());
    assertEquals(30, config.rotationMaxAgeDays());
    assertEquals("secret-service", config.get(Setting.KEYRING).value());
    assertEquals(home.resolve("keys/secrets.env"), config.get(Setting.DOTENV_STORE).value());
    assertEquals(
        "keyring://op/service-account", config.get(Setting.OP_SERVICE_ACCOUNT_TOKEN).value());
    assertEquals(
        List.of("/etc/credstore", "/etc/credstore.encrypted"),
        config.get(Setting.CREDSTORE_PATH).value());
  }

  @Test
  void fileSourcesNameTheirLines() throws Exception {
    write(FULL);

    UserConfig config = load();

    assertEquals(Source.configFile(file, 2), source(config, Setting.PROFILE));
    assertEquals(Source.configFile(file, 3), source(config, Setting.KEYRING));
    assertEquals(Source.configFile(file, 4), source(config, Setting.TIMEOUT));
    assertEquals(Source.configFile(file, 5), source(config, Setting.MASK));
    assertEquals(Source.configFile(file, 8), source(config, Setting.DOTENV_STORE));
    assertEquals(Source.configFile(file, 11), source(config, Setting.OP_SERVICE_ACCOUNT_TOKEN));
    assertEquals(Source.configFile(file, 14), source(config, Setting.CREDSTORE_PATH));
    assertEquals(Source.configFile(file, 20), source(config, Setting.ROTATION_MAX_AGE_DAYS));
    assertEquals(file + ":2", source(config, Setting.PROFILE).describe());
  }

  @Test
  void environmentBeatsFile() throws Exception {
    write(FULL);
    set("KEYRUN_PROFILE", "server");
    set("KEYRUN_DOTENV_STORE", "/srv/app/secrets.env");
    set("KEYRUN_OP_TOKEN_REF", "dotenv:OP_TOKEN");
    set("KEYRUN_KEYRING", "keychain");
    set("KEYRUN_CREDSTORE_PATH", "/a:/b");

    UserConfig config = load();

    assertEquals(Optional.of("server"), config.profile());
    assertEquals(Path.of("/srv/app/secrets.env"), config.get(Setting.DOTENV_STORE).value());
    assertEquals("dotenv:OP_TOKEN", config.get(Setting.OP_SERVICE_ACCOUNT_TOKEN).value());
    assertEquals("keychain", config.get(Setting.KEYRING).value());
    assertEquals(List.of("/a", "/b"), config.get(Setting.CREDSTORE_PATH).value());
    assertEquals(Source.environment("KEYRUN_PROFILE"), source(config, Setting.PROFILE));
    assertEquals("environment KEYRUN_KEYRING", source(config, Setting.KEYRING).describe());
  }

  @Test
  void emptyVariableLeavesFileValue() throws Exception {
    write(FULL);
    set("KEYRUN_KEYRING", "");

    UserConfig config = load();

    assertEquals("secret-service", config.get(Setting.KEYRING).value());
    assertEquals(Source.Kind.CONFIG_FILE, source(config, Setting.KEYRING).kind());
  }

  @Test
  void storeSettingsNameTheirOrigin() throws Exception {
    write(FULL);
    set("KEYRUN_KEYRING", "keychain");

    StoreSettings settings = load().storeSettings();

    assertEquals(home.resolve("keys/secrets.env"), settings.dotenvStore().orElseThrow().value());
    assertEquals("dotenv.store in " + file + ":8", settings.dotenvStore().orElseThrow().origin());
    assertEquals("KEYRUN_KEYRING", settings.keyring().orElseThrow().origin());
    assertEquals(
        List.of("/etc/credstore", "/etc/credstore.encrypted"),
        settings.credstorePath().orElseThrow().value());
  }

  @Test
  void configHomeMovesFile() throws Exception {
    Path configHome = home.resolve("elsewhere");
    set("XDG_CONFIG_HOME", configHome.toString());
    file = configHome.resolve("keyrun/config.toml");
    write("timeout = 5\n");

    UserConfig config = load();

    assertEquals(file, config.file());
    assertEquals(5, config.timeoutSeconds());
  }

  @Test
  void relativeConfigHomeIsIgnored() throws Exception {
    set("XDG_CONFIG_HOME", "relative/config");
    write("timeout = 6\n");

    UserConfig config = load();

    assertEquals(home.resolve(".config/keyrun/config.toml"), config.file());
    assertEquals(6, config.timeoutSeconds());
  }

  @Test
  void inlineTablesAndDottedKeysWork() throws Exception {
    write("dotenv = { store = \"/srv/secrets.env\" }\nrotation.max-age-days = 45\n");

    UserConfig config = load();

    assertEquals(Path.of("/srv/secrets.env"), config.get(Setting.DOTENV_STORE).value());
    assertEquals(Source.configFile(file, 1), source(config, Setting.DOTENV_STORE));
    assertEquals(45, config.rotationMaxAgeDays());
    assertEquals(Source.configFile(file, 2), source(config, Setting.ROTATION_MAX_AGE_DAYS));
  }

  @Test
  void byteOrderMarkIsSkipped() throws Exception {
    write("\uFEFFtimeout = 8\n");

    assertEquals(8, load().timeoutSeconds());
  }

  @Test
  void emptyFileGivesDefaults() throws Exception {
    write("# nothing set yet\n");

    UserConfig config = load();

    assertTrue(config.fileFound());
    assertEquals(30, config.timeoutSeconds());
  }

  /** Each invalid file: its content, the line named, and a word of the problem. */
  @Test
  void invalidFilesNameFileAndLine() throws Exception {
    Object[][] cases = {
      {"timeout = \n", 1, "invalid TOML"},
      {"mask = \"never\"\nmask = \"auto\"\n", 2, "invalid TOML: Duplicate key"},
      {"timeout = 1\n# note\ntimeout = 2\n\n", 3, "Duplicate key"},
      {"[dotenv]\nstore = \"/a\"\n[dotenv]\n", 3, "invalid TOML"},
      {"mask = \"never\"\ntimout = 3\n", 2, "unknown setting timout"},
      {"[dotenv]\nstor = \"/x\"\n", 2, "unknown setting dotenv.stor"},
      {"[rotation]\ntimeout = 3\n", 2, "unknown setting rotation.timeout"},
      {"timeout = 3\n[colors]\nred = 1\n", 2, "unknown setting colors"},
      {"timeout = \"30\"\n", 1, "timeout must be an integer, not a string"},
      {"timeout = 2.5\n", 1, "timeout must be an integer, not a float"},
      {"mask = false\n", 1, "mask must be a string, not a boolean"},
      {"dotenv = \"/x\"\n", 1, "dotenv must be a table, not a string"},
      {"[credstore]\npath = \"/etc/credstore\"\n", 2, "must be an array of strings, not a string"},
      {"[credstore]\npath = [\"/a\", 2]\n", 2, "not an array that contains an integer"},
      {"[dotenv]\nstore = \"secrets.env\"\n", 2, "is not an absolute path"},
      {"[dotenv]\nstore = \"\"\n", 2, "is not an absolute path"},
      {"keyring = \"kwallet\"\n", 1, "must be keychain or secret-service"},
      {"mask = \"sometimes\"\n", 1, "must be auto, always or never"},
      {"timeout = 0\n", 1, "timeout must be a positive integer"},
      {"timeout = 2147483648\n", 1, "timeout must be a positive integer, not 2147483648"},
      {"timeout = 99999999999999999999\n", 1, "not 99999999999999999999"},
      {"[rotation]\nmax-age-days = -1\n", 2, "must be a positive integer"},
      {"credstore.path = [\n  \"/a\",\n  \"rel\",\n]\n", 1, "relative path \"rel\""},
      {"[op]\nservice-account-token = \"op://vault/item/field\"\n", 2, "other than 1Password"},
      {"profile = \"my laptop\"\n", 1, "not a valid profile name"},
      {"dotenv = { store = \"rel\" }\n", 1, "is not an absolute path"},
      {"note = \"\"\"\n[dotenv]\n\"\"\"\nprofile = 1\n", 1, "unknown setting note"},
      {"x = \"\"\"\nq\n\"\"\"\nprofile = 1\n", 1, "unknown setting x"},
    };
    for (Object[] row : cases) {
      String content = (String) row[0];
      KeyrunException failure = failure(content);

      assertEquals(file + ":" + row[1], failure.subject(), content);
      assertTrue(failure.problem().contains((String) row[2]), content + " -> " + failure.problem());
      assertNotNull(failure.hint(), content);
      assertFalse(failure.hint().isEmpty(), content);
    }
  }

  @Test
  void lineAfterMultiLineString() throws Exception {
    KeyrunException failure = failure("profile = '''\nlaptop'''\ntimeout = \"x\"\n");

    assertEquals(file + ":3", failure.subject());
  }

  @Test
  void typoSuggestsSetting() throws Exception {
    KeyrunException failure = failure("[dotenv]\nstroe = \"/x\"\n");

    assertTrue(failure.hint().startsWith("did you mean dotenv.store?"), failure.hint());
  }

  @Test
  void topLevelSettingInTableIsExplained() throws Exception {
    KeyrunException failure = failure("[dotenv]\nstore = \"/x\"\ntimeout = 5\n");

    assertEquals(file + ":3", failure.subject());
    assertTrue(failure.hint().contains("top-level setting"), failure.hint());
  }

  @Test
  void tokenValueStaysOutOfMessages() throws Exception {
    String token = "ops_eyJzaWduSW5BZGRyZXNzIjoic2VjcmV0In0";

    KeyrunException failure = failure("[op]\nservice-account-token = \"" + token + "\"\n");

    assertEquals(file + ":2", failure.subject());
    assertFalse(failure.problem().contains(token), failure.problem());
    assertFalse(failure.hint().contains(token), failure.hint());
  }

  @Test
  void invalidUtf8IsRejected() throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {'m', '=', '"', (byte) 0xff, '"', '\n'});

    KeyrunException failure = assertThrows(KeyrunException.class, this::load);

    assertEquals(file.toString(), failure.subject());
    assertTrue(failure.problem().contains("UTF-8"), failure.problem());
  }

  @Test
  void fileWritableByOthersIsRejected() throws Exception {
    write("timeout = 5\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

    KeyrunException failure = assertThrows(KeyrunException.class, this::load);

    assertEquals(file.toString(), failure.subject());
    assertTrue(failure.problem().contains("writable by other users"), failure.problem());
    assertTrue(failure.problem().contains("0666"), failure.problem());
    assertTrue(failure.hint().contains("chmod o-w " + file), failure.hint());
  }

  @Test
  void groupWritableFileIsRead() throws Exception {
    write("timeout = 5\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    assertEquals(5, load().timeoutSeconds());
  }

  @Test
  void fileOfAnotherUserIsRejected() throws Exception {
    assumeTrue(Posix.effectiveUid() == 0, "changing a file's owner needs root");
    write("timeout = 5\n");
    Files.setAttribute(file, "unix:uid", 65534);

    KeyrunException failure = assertThrows(KeyrunException.class, this::load);

    assertTrue(failure.problem().contains("owned by uid 65534"), failure.problem());
  }

  @Test
  void symbolicLinkIsFollowed() throws Exception {
    Path target = home.resolve("dotfiles/keyrun.toml");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "timeout = 9\n");
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, target);

    UserConfig config = load();

    assertEquals(9, config.timeoutSeconds());
    assertEquals(Source.configFile(file, 1), source(config, Setting.TIMEOUT));
  }

  @Test
  void directoryIsRejected() throws Exception {
    Files.createDirectories(file);

    KeyrunException failure = assertThrows(KeyrunException.class, this::load);

    assertTrue(failure.problem().contains("not a regular file"), failure.problem());
  }

  @Test
  void unreadableFileIsReported() throws Exception {
    assumeTrue(Posix.effectiveUid() != 0, "root reads files of any mode");
    write("timeout = 5\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));

    KeyrunException failure = assertThrows(KeyrunException.class, this::load);

    assertTrue(failure.problem().contains("permission denied"), failure.problem());
  }
}
