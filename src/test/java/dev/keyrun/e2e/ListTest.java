package dev.keyrun.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyrun ls} with the ages the inventory gives: a key rotated today, a key first used long
 * ago, and keys no run has used yet. Two projects share one dotenv entry.
 */
class ListTest {
  private static final String OLD_VALUE = "old-list-secret-5b1e";
  private static final String NEW_VALUE = "new-list-secret-9c4d";

  private static final String MANIFEST =
      """
      [keys.API_KEY]
      description = "the payment provider's key"
      ref = "dotenv:API_KEY"

      [keys.LEGACY_TOKEN]
      ref = "dotenv:LEGACY_TOKEN"
      max-age-days = 30

      [keys.OPTIONAL_DSN]
      required = false
      """;

  @TempDir Path directory;
  private Path state;
  private Path store;
  private Path shop;
  private Path billing;
  private final List<Keyrun.Result> results = new ArrayList<>();

  @BeforeEach
  void createProjects() throws Exception {
    state = directory.resolve("state");
    store =
        TestFiles.writePrivate(
            directory.resolve("store.env"),
            "API_KEY=" + OLD_VALUE + "\nLEGACY_TOKEN=legacy-token-7a7a\n");
    shop = Files.createDirectory(directory.resolve("shop"));
    billing = Files.createDirectory(directory.resolve("billing"));
    TestFiles.write(shop.resolve("keyrun.toml"), MANIFEST, "rw-r--r--");
    TestFiles.write(billing.resolve(".env"), "PAYMENT_KEY=dotenv:API_KEY\n", "rw-r--r--");
  }

  @AfterEach
  void noValueWasPrinted() {
    for (Keyrun.Result result : results) {
      for (String value : List.of(OLD_VALUE, NEW_VALUE, "legacy-token-7a7a")) {
        assertFalse(result.stdout().contains(value), result.stdout());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
    }
  }

  private Keyrun.Result keyrun(Path in, String input, String... arguments) throws Exception {
    Keyrun.Result result =
        Keyrun.in(in)
            .env("KEYRUN_DOTENV_STORE", store.toString())
            .env("XDG_STATE_HOME", state.toString())
            .unset("KEYRUN_PROFILE")
            .input(input)
            .args(arguments)
            .run();
    results.add(result);
    return result;
  }

  @Test
  void rotatedKeyIsZeroDaysOld() throws Exception {
    assertEquals(0, keyrun(shop, "", "--", "true").status());
    assertEquals(0, keyrun(billing, "", "--", "true").status());

    Keyrun.Result rotated = keyrun(shop, NEW_VALUE + "\n", "rotate", "dotenv:API_KEY");
    assertEquals(0, rotated.status(), rotated.stderr());
    assertTrue(rotated.stdout().contains(shop.resolve("keyrun.toml").toString()), rotated.stdout());
    assertTrue(rotated.stdout().contains(billing.resolve(".env").toString()), rotated.stdout());

    Keyrun.Result shopList = keyrun(shop, "", "ls");
    Keyrun.Result billingList = keyrun(billing, "", "ls");

    assertEquals(0, shopList.status(), shopList.stderr());
    assertTrue(shopList.stdout().contains("API_KEY       dotenv:API_KEY"), shopList.stdout());
    assertTrue(line(shopList, "API_KEY").contains(" 0 days "), shopList.stdout());
    assertTrue(line(billingList, "PAYMENT_KEY").contains(" 0 days"), billingList.stdout());
  }

  @Test
  void keyFirstUsedLongAgoIsDue() throws Exception {
    TestFiles.writePrivate(
        Files.createDirectories(state.resolve("keyrun")).resolve("inventory"),
        "use\tdotenv:LEGACY_TOKEN\tLEGACY_TOKEN\t"
            + shop.resolve("keyrun.toml")
            + "\t\t2020-01-01\t2020-01-02\n");

    Keyrun.Result result = keyrun(shop, "", "ls");

    assertEquals(0, result.status(), result.stderr());
    String legacy = line(result, "LEGACY_TOKEN");
    assertTrue(legacy.contains(">= "), legacy);
    assertTrue(legacy.contains("due for rotation (max 30 days)"), legacy);
    assertTrue(line(result, "API_KEY").contains("unknown"), result.stdout());
    assertTrue(line(result, "OPTIONAL_DSN").contains("(no reference)"), result.stdout());
    assertTrue(result.stderr().contains("1 key is due for rotation"), result.stderr());
  }

  @Test
  void jsonGivesAgeInDays() throws Exception {
    keyrun(shop, NEW_VALUE + "\n", "rotate", "dotenv:API_KEY");

    Keyrun.Result result = keyrun(shop, "", "ls", "--format", "json");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(
        result
            .stdout()
            .contains(
                "{\"key\":\"API_KEY\",\"references\":[\"dotenv:API_KEY\"],\"stores\":[\"dotenv"
                    + " store\"],\"required\":true,\"description\":\"the payment provider's"
                    + " key\",\"since\":"),
        result.stdout());
    assertTrue(result.stdout().contains("\"rotated\":true,\"ageDays\":0,"), result.stdout());
  }

  @Test
  void lsReadsNoStore() throws Exception {
    Files.delete(store);

    Keyrun.Result result = keyrun(shop, "", "ls");

    assertEquals(0, result.status(), result.stderr());
    assertTrue(result.stdout().startsWith("KEY "), result.stdout());
  }

  private static String line(Keyrun.Result result, String key) {
    return result.stdout().lines().filter(l -> l.startsWith(key + " ")).findFirst().orElse("");
  }
}
