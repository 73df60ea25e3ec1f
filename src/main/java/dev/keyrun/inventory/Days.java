package dev.keyrun.inventory;

import java.time.LocalDate;

/** Dates of the inventory: UTC days, which need no time zone data on keyrun's start path. */
public final class Days {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Days() {}

  /** Returns today's date in UTC, such as {@code 2026-12-05}. */
  public static String today() {
    return LocalDate.ofEpochDay(Math.floorDiv(System.currentTimeMillis(), MILLIS_PER_DAY))
        .toString();
  }
}
