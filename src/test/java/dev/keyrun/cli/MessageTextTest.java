package dev.keyrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageTextTest {

  @Test
  void controlCharactersEscaped() {
    assertEquals("a\\x1b[2Kb\\x0ac\\x7f", Main.visible("a\u001b[2Kb\nc\u007f"));
  }

  @Test
  void printableTextUnchanged() {
    assertEquals("keyrun: café ✓ 🔑", Main.visible("keyrun: café ✓ 🔑"));
  }
}
