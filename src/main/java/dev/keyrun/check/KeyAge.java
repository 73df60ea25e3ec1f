package dev.keyrun.check;

import dev.keyrun.inventory.Inventory;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The age of a key's value as the inventory records it: days since its last {@code keyrun rotate},
 * or, for a value never rotated with keyrun, at least the days since a run first used it.
 *
 * @param since the day the age counts from, if known
 * @param rotated whether that day is a rotation (true) or the first use (false)
 * @param maxAgeDays the age after which the key is due for rotation
 */
public record KeyAge(Optional<LocalDate> since, boolean rotated, int maxAgeDays) {

  /**
   * Returns the age of a key whose value uses {@code references}: the oldest of their ages, since
   * the key is as old as its oldest part.
   */
  public static KeyAge of(
      List<String> references, Inventory inventory, LocalDate today, int maxAgeDays) {
    KeyAge oldest = new KeyAge(Optional.empty(), false, maxAgeDays);
    for (String reference : references) {
      Inventory.History history = inventory.history(reference);
      KeyAge age =
          history.rotated().isPresent()
              ? new KeyAge(history.rotated(), true, maxAgeDays)
              : new KeyAge(history.firstSeen(), false, maxAgeDays);
      if (age.since().isPresent()
          && (oldest.since().isEmpty() || age.since().get().isBefore(oldest.since().get()))) {
        oldest = age;
      }
    }
    return oldest;
  }

  /** Returns the age in whole days on {@code today}, if known. */
  public Optional<Long> days(LocalDate today) {
    return since.map(day -> Math.max(0, today.toEpochDay() - day.toEpochDay()));
  }

  /** Returns whether the key is older than its maximum age on {@code today}. */
  public boolean stale(LocalDate today) {
    return days(today).map(days -> days > maxAgeDays).orElse(false);
  }

  /**
   * Returns the age as {@code ls} shows it: {@code 12 days}, {@code >= 40 days} for a value never
   * rotated with keyrun (the first use is only a lower bound), or {@code unknown}.
   */
  public String describe(LocalDate today) {
    return days(today)
        .map(days -> (rotated ? "" : ">= ") + days + (days == 1 ? " day" : " days"))
        .orElse("unknown");
  }
}
