package dev.keyrun.backend.keychain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityScriptTest {
  private static final ServiceAccount ITEM = new ServiceAccount("openai", Optional.of("default"));

  private static String script(ServiceAccount item, String value, boolean allowAnyApp)
      throws StoreException {
    byte[] bytes =
        SecurityScript.addGenericPassword(
            item, value.getBytes(StandardCharsets.UTF_8), allowAnyApp);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void valueTravelsAsHex() throws StoreException {
    String line = script(ITEM, "café", false);

    assertEquals("add-generic-password -U -s \"openai\" -a \"default\" -X \"636166c3a9\"\n", line);
  }

  @Test
  void multiLineValueStaysOnOneLine() throws StoreException {
    String line = script(ITEM, "a\nb", false);

    assertEquals(1, line.split("\n", -1).length - 1);
    assertTrue(line.contains("-X \"610a62\""));
  }

  @Test
  void allowAnyAppAddsA() throws StoreException {
    assertTrue(script(ITEM, "v", true).contains(" -A "));
    assertFalse(script(ITEM, "v", false).contains(" -A "));
  }

  @Test
  void missingAccountIsEmpty() throws StoreException {
    assertTrue(script(new ServiceAccount("s", Optional.empty()), "v", false).contains("-a \"\""));
  }

  @Test
  void quotesAndBackslashesAreEscaped() {
    assertEquals("\"a\\\"b\\\\c d\"", SecurityScript.quote("a\"b\\c d"));
  }

  @Test
  void overlongLineIsRejected() {
    String value = "x".repeat(2100);

    StoreException e = assertThrows(StoreException.class, () -> script(ITEM, value, false));

    assertTrue(e.getMessage().contains("2100 bytes"), e.getMessage());
    assertFalse(e.getMessage().contains("xxxx"));
  }

  @Test
  void longestAcceptedValueFitsTheBuffer() throws StoreException {
    String prefix = "add-generic-password -U -s \"openai\" -a \"default\" -X \"";
    int maximum = (SecurityScript.MAX_LINE_BYTES - prefix.length() - 2) / 2;

    String line = script(ITEM, "y".repeat(maximum), false);

    assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= SecurityScript.MAX_LINE_BYTES);
  }
}
