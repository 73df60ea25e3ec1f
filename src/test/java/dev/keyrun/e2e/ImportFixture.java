package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project whose .env contains five plaintext keys, with temporary HOME, XDG directories and
 * dotenv store, and a record of every output keyrun gave, so a test can check that no value leaked.
 */
final class ImportFixture {
  static final List<String> KEYS =
      List.of("OPENAI_API_KEY", "STRIPE_KEY", "DB_PASSWORD", "SENTRY_DSN", "PLAIN_TOKEN");
  static final List<String> VALUES =
      List.of(
          "sk-fixture-openai-1f3a",
          "sk_fixture_stripe 2b4c",
          "fixture-db-3c5d",
          "https://fixture-sentry-4d6e@example.invalid/1",
          "fixture-token-5e7f");
  static final String ENV_FILE =
      "# Billing service\n"
          + "OPENAI_API_KEY=sk-fixture-openai-1f3a\n"
          + "export STRIPE_KEY='sk_fixture_stripe 2b4c'   # live key\n"
          + "\n"
          + "DB_PASSWORD=\"fixture-db-3c5d\"\n"
          + "SENTRY_DSN=https://fixture-sentry-4d6e@example.invalid/1\n"
          + "PLAIN_TOKEN = fixture-token-5e7f\n";

  final Path root;
  final Path project;
  final Path envFile;
  final Path store;
  final Path state;
  private final List<String> outputs = new ArrayList<>();

  ImportFixture(Path root) throws Exception {
    this.root = root;
    this.project = Files.createDirectories(root.resolve("billing"));
    this.envFile = project.resolve(".env");
    this.store = root.resolve("config/keyrun/secrets.env");
    this.state = root.resolve("state");
    Files.createDirectories(root.resolve("home"));
    TestFiles.write(envFile, ENV_FILE, "rw-r--r--");
  }

  Keyrun keyrun() {
    return keyrunIn(project);
  }

  /** Returns keyrun with this fixture's environment, to run in {@code directory}. */
  Keyrun keyrunIn(Path directory) {
    return Keyrun.in(directory)
        .env("HOME", root.resolve("home").toString())
        .env("XDG_STATE_HOME", state.toString())
        .env("XDG_CONFIG_HOME", root.resolve("config").toString())
        .env("KEYRUN_DOTENV_STORE", store.toString())
        .unset("KEYRUN_CREDSTORE_PATH")
        .unset("CREDENTIALS_DIRECTORY");
  }

  /** Runs keyrun with {@code args} and records its output. */
  Keyrun.Result run(String... args) throws Exception {
    return record(keyrun().args(args).run());
  }

  Keyrun.Result record(Keyrun.Result result) {
    outputs.add(result.stdout());
    outputs.add(result.stderr());
    return result;
  }

  Path backups() {
    return state.resolve("keyrun/backups");
  }

  String envText() throws Exception {
    return Files.readString(envFile, StandardCharsets.UTF_8);
  }

  /** Fails if any recorded output of a keyrun command contains a fixture value. */
  void assertNoValueInOutput() {
    for (String output : outputs) {
      for (String value : VALUES) {
        assertFalse(output.contains(value), "a value appeared in keyrun's output");
      }
      assertFalse(output.contains("fixture-"), "part of a value appeared in keyrun's output");
    }
  }
}
