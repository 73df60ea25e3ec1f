package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

  // Digit strings are included because toString() prints the length in digits. Values that occur
  // in the redacted text itself ("Secret", "bytes", most single characters) are left out, because
  // no readable toString() can avoid them.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "hunter2",
        "sk-live-abc",
        "2",
        "10",
        "16",
        "22",
        "1024",
        "00000000",
        "1234567890",
        "pässwörd"
      })
  void toStringOmitsUtf8Value(String value) {
    Secret secret = Secret.ofUtf8(value);

    assertFalse(secret.toString().contains(value), secret.toString());
  }

  @Test
  void toStringOmitsByteValue() {
    byte[] value = "sk-live-abc".getBytes(UTF_8);

    Secret secret = Secret.of(value);

    assertFalse(secret.toString().contains("sk-live-abc"), secret.toString());
  }

  @Test
  void toStringShowsLength() {
    assertEquals("Secret[redacted, 11 bytes]", Secret.ofUtf8("sk-live-abc").toString());
  }

  @Test
  void ofCopiesGivenArray() {
    byte[] value = {'a', 'b', 'c'};
    Secret secret = Secret.of(value);

    value[0] = 'x';

    assertArrayEquals(new byte[] {'a', 'b', 'c'}, secret.bytes());
  }

  @Test
  void bytesReturnsCopy() {
    Secret secret = Secret.ofUtf8("abc");

    byte[] returned = secret.bytes();
    returned[0] = 'x';

    assertArrayEquals(new byte[] {'a', 'b', 'c'}, secret.bytes());
    assertEquals("abc", secret.decodeUtf8());
  }

  @Test
  void ofUtf8EncodesText() {
    Secret secret = Secret.ofUtf8("pä");

    assertArrayEquals(new byte[] {'p', (byte) 0xc3, (byte) 0xa4}, secret.bytes());
    assertEquals(3, secret.length());
    assertEquals("pä", secret.decodeUtf8());
  }

  @Test
  void wipeZeroesBytes() {
    Secret secret = Secret.ofUtf8("abc");

    secret.wipe();

    assertArrayEquals(new byte[3], secret.bytes());
  }
}
