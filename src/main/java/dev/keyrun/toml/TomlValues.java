package dev.keyrun.toml;

import java.math.BigInteger;
import java.util.OptionalInt;

/** Checks on the plain values that {@link TomlTree} returns. */
public final class TomlValues {
  private TomlValues() {}

  /**
   * Tells whether {@code value} is a TOML integer: an Integer or Long, or a BigInteger when it does
   * not fit in a long.
   */
  public static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  /** Returns {@code value} as an int when it is a TOML integer from 1 to Integer.MAX_VALUE. */
  public static OptionalInt positiveInt(Object value) {
    if (!isInteger(value) || value instanceof BigInteger) {
      return OptionalInt.empty();
    }
    long number = ((Number) value).longValue();
    return number > 0 && number <= Integer.MAX_VALUE
        ? OptionalInt.of((int) number)
        : OptionalInt.empty();
  }
}
