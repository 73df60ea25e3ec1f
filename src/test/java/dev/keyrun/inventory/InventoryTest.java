package dev.keyrun.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The inventory's records and its line format. */
class InventoryTest {
  private static final SystemdUnit APP = new SystemdUnit("app.service", false);

  private static Inventory parse(String text) {
    return Inventory.parse(text.getBytes(UTF_8));
  }

  @Test
  void newUseChangesInventory() {
    Inventory inventory = parse("");

    assertTrue(inventory.recordUse("dotenv:A", "A", "/p/.env", null, "2026-12-05"));
    assertEquals(
        List.of(new Use("dotenv:A", "A", "/p/.env", null, "2026-12-05", "2026-12-05")),
        inventory.usesOf("dotenv:A"));
  }

  @Test
  void sameDayRepeatChangesNothing() {
    Inventory inventory = parse("");
    inventory.recordUse("dotenv:A", "A", "/p/.env", APP, "2026-12-05");

    assertFalse(inventory.recordUse("dotenv:A", "A", "/p/.env", APP, "2026-12-05"));
  }

  @Test
  void laterDayMovesLastSeenOnly() {
    Inventory inventory = parse("");
    inventory.recordUse("dotenv:A", "A", "/p/.env", null, "2026-12-01");

    assertTrue(inventory.recordUse("dotenv:A", "A", "/p/.env", null, "2026-12-05"));
    Use use = inventory.usesOf("dotenv:A").get(0);
    assertEquals("2026-12-01", use.firstSeen());
    assertEquals("2026-12-05", use.lastSeen());
  }

  @Test
  void unitMakesSeparateUse() {
    Inventory inventory = parse("");
    inventory.recordUse("dotenv:A", "A", "/p/.env", null, "2026-12-05");

    assertTrue(inventory.recordUse("dotenv:A", "A", "/p/.env", APP, "2026-12-05"));
    assertEquals(2, inventory.usesOf("dotenv:A").size());
  }

  @Test
  void formatRoundTripsEscapedFields() {
    Inventory inventory = parse("");
    inventory.recordUse("op://V/a\tb/f", "K", "/dir\\with\nnewline/.env", APP, "2026-12-05");
    inventory.recordRotation("op://V/a\tb/f", "2026-12-06");

    Inventory again = Inventory.parse(inventory.format());

    assertEquals(inventory.usesOf("op://V/a\tb/f"), again.usesOf("op://V/a\tb/f"));
    assertEquals(Optional.of("2026-12-06"), again.rotated("op://V/a\tb/f"));
    assertEquals(new String(inventory.format(), UTF_8), new String(again.format(), UTF_8));
  }

  @Test
  void everyRecordIsOneLine() {
    Inventory inventory = parse("");
    inventory.recordUse("dotenv:A", "A", "/a\nb/.env", null, "2026-12-05");

    String[] lines = new String(inventory.format(), UTF_8).split("\n");

    assertEquals(2, lines.length);
    assertEquals("use\tdotenv:A\tA\t/a\\nb/.env\t\t2026-12-05\t2026-12-05", lines[1]);
  }

  @Test
  void unknownLinesAreKept() {
    Inventory inventory = parse("expires\tdotenv:A\t2027-01-01\n");
    inventory.recordRotation("dotenv:A", "2026-12-05");

    assertTrue(new String(inventory.format(), UTF_8).endsWith("expires\tdotenv:A\t2027-01-01\n"));
  }

  @Test
  void historyGivesRotationAndFirstUse() {
    Inventory inventory = parse("");
    inventory.recordUse("dotenv:A", "A", "/b/.env", null, "2026-12-03");
    inventory.recordUse("dotenv:A", "A", "/a/.env", null, "2026-11-30");
    inventory.recordRotation("dotenv:A", "2026-12-05");

    Inventory.History history = inventory.history("dotenv:A");

    assertEquals(Optional.of(LocalDate.of(2026, 12, 5)), history.rotated());
    assertEquals(Optional.of(LocalDate.of(2026, 11, 30)), history.firstSeen());
  }

  @Test
  void unknownReferenceHasNoHistory() {
    Inventory.History history = parse("").history("dotenv:A");

    assertEquals(Optional.empty(), history.rotated());
    assertEquals(Optional.empty(), history.firstSeen());
  }

  @Test
  void mentionsMatchesWholeReferencesOnly() {
    assertTrue(Consumers.mentions("API_KEY=dotenv:API_KEY\n", "dotenv:API_KEY"));
    assertTrue(Consumers.mentions("ref = \"dotenv:API_KEY\"", "dotenv:API_KEY"));
    assertTrue(Consumers.mentions("K=dotenv:API_KEY_V2 dotenv:API_KEY", "dotenv:API_KEY"));
    assertFalse(Consumers.mentions("API_KEY=dotenv:API_KEY_V2\n", "dotenv:API_KEY"));
    assertFalse(Consumers.mentions("K=keyring://a/b/c", "keyring://a/b"));
    assertFalse(Consumers.mentions("K=xdotenv:API_KEY", "dotenv:API_KEY"));
  }
}
