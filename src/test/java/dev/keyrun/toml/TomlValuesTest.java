package dev.keyrun.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TomlValuesTest {
  @Test
  void integerTypesAreIntegers() {
    assertTrue(TomlValues.isInteger(5));
    assertTrue(TomlValues.isInteger(5L));
    assertTrue(TomlValues.isInteger(new BigInteger("99999999999999999999")));
    assertFalse(TomlValues.isInteger(1.5));
    assertFalse(TomlValues.isInteger("5"));
  }

  @Test
  void positiveIntAcceptsIntRange() {
    assertEquals(OptionalInt.of(1), TomlValues.positiveInt(1L));
    assertEquals(OptionalInt.of(90), TomlValues.positiveInt(90));
    assertEquals(
        OptionalInt.of(Integer.MAX_VALUE), TomlValues.positiveInt((long) Integer.MAX_VALUE));
  }

  @Test
  void positiveIntRejectsOthers() {
    assertEquals(OptionalInt.empty(), TomlValues.positiveInt(0L));
    assertEquals(OptionalInt.empty(), TomlValues.positiveInt(-3));
    assertEquals(OptionalInt.empty(), TomlValues.positiveInt(Integer.MAX_VALUE + 1L));
    assertEquals(
        OptionalInt.empty(), TomlValues.positiveInt(new BigInteger("99999999999999999999")));
    assertEquals(OptionalInt.empty(), TomlValues.positiveInt(2.0));
    assertEquals(OptionalInt.empty(), TomlValues.positiveInt("7"));
  }
}
