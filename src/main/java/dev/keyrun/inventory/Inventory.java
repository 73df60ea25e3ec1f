package dev.keyrun.inventory;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory: which projects and systemd units use which store entries, and when each entry was
 * last rotated. It contains references, key names, paths and dates, never a value.
 *
 * <p>The file is UTF-8 text, one record a line, fields separated by a tab, with backslash, tab,
 * newline and carriage return in a field written as {@code \\ \t \n \r}:
 *
 * <pre>
 * use      REFERENCE  KEY  PROJECT  UNIT  FIRST-SEEN  LAST-SEEN
 * rotated  REFERENCE  DAY
 * </pre>
 *
 * PROJECT is empty for a reference inherited from the environment, and UNIT is {@code
 * system:NAME.service}, {@code user:NAME.service} or empty. Lines of another kind are kept as they
 * are, so that an older keyrun does not drop what a newer one wrote.
 */
public final class Inventory {
  static final String HEADER =
      "# keyrun inventory: store entries and who uses them (no values). Format: keyrun's"
          + " docs/rotation.md";

  private final Map<String, Use> uses = new LinkedHashMap<>();
  private final Map<String, String> rotations = new LinkedHashMap<>();
  private final List<String> otherLines = new ArrayList<>();

  /** The last rotation and the first use of one entry, for listings of declared keys. */
  public record History(Optional<LocalDate> rotated, Optional<LocalDate> firstSeen) {}

  static Inventory parse(byte[] content) {
    Inventory inventory = new Inventory();
    String text = new String(content, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      inventory.add(text.substring(start, end));
      start = end + 1;
    }
    return inventory;
  }

  private void add(String line) {
    List<String> fields = InventoryLine.split(line);
    if (fields.size() == 7 && "use".equals(fields.get(0))) {
      Optional<SystemdUnit> unit = SystemdUnit.fromKey(fields.get(4));
      if (unit.isPresent() || fields.get(4).isEmpty()) {
        String project = fields.get(3).isEmpty() ? null : fields.get(3);
        Use use =
            new Use(
                fields.get(1),
                fields.get(2),
                project,
                unit.orElse(null),
                fields.get(5),
                fields.get(6));
        uses.put(use.identity(), use);
        return;
      }
    }
    if (fields.size() == 3 && "rotated".equals(fields.get(0))) {
      rotations.put(fields.get(1), fields.get(2));
      return;
    }
    if (!line.isEmpty() && !line.equals(HEADER)) {
      otherLines.add(line);
    }
  }

  byte[] format() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Use use : uses.values()) {
      InventoryLine.append(
          text,
          "use",
          use.reference(),
          use.key(),
          use.project() == null ? "" : use.project(),
          use.unit() == null ? "" : use.unit().key(),
          use.firstSeen(),
          use.lastSeen());
    }
    rotations.forEach((reference, day) -> InventoryLine.append(text, "rotated", reference, day));
    otherLines.forEach(line -> text.append(line).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Notes that a run on {@code day} used the reference, and returns whether that changed the
   * inventory: a use not seen before, or one last seen on another day.
   */
  boolean recordUse(String reference, String key, String project, SystemdUnit unit, String day) {
    Use seen = new Use(reference, key, project, unit, day, day);
    Use known = uses.get(seen.identity());
    if (known == null) {
      uses.put(seen.identity(), seen);
      return true;
    }
    if (known.lastSeen().equals(day)) {
      return false;
    }
    uses.put(seen.identity(), known.seenOn(day));
    return true;
  }

  void recordRotation(String reference, String day) {
    rotations.put(reference, day);
  }

  /** Returns every use, in recorded order. */
  public List<Use> uses() {
    return List.copyOf(uses.values());
  }

  /** Returns the uses of {@code reference}, written exactly as in the files, in recorded order. */
  public List<Use> usesOf(String reference) {
    List<Use> found = new ArrayList<>();
    for (Use use : uses.values()) {
      if (use.reference().equals(reference)) {
        found.add(use);
      }
    }
    return found;
  }

  /** Returns the day {@code keyrun rotate} last replaced the entry, if it ever did. */
  public Optional<String> rotated(String reference) {
    return Optional.ofNullable(rotations.get(reference));
  }

  /** Returns the day a run first used {@code reference}, if any did. */
  public Optional<String> firstSeen(String reference) {
    String first = null;
    for (Use use : uses.values()) {
      if (use.reference().equals(reference)
          && (first == null || use.firstSeen().compareTo(first) < 0)) {
        first = use.firstSeen();
      }
    }
    return Optional.ofNullable(first);
  }

  /** Returns the last rotation and the first use of {@code reference}, as days. */
  public History history(String reference) {
    return new History(
        rotated(reference).flatMap(Inventory::day), firstSeen(reference).flatMap(Inventory::day));
  }

  private static Optional<LocalDate> day(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
