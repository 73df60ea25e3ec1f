package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SurrogateEscapeDecoderTest {

  @Test
  void validUtf8DecodedAsJavaDoes() {
    Random random = new Random(3);
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
        if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
          text.appendCodePoint(codePoint);
        }
      }
      String expected = text.toString();

      String actual = decode(expected.getBytes(UTF_8));

      assertEquals(expected, actual, "round " + round);
    }
  }

  // The expected strings are what Python 3.11 returns for
  // bytes.decode("utf-8", "surrogateescape").
  @Test
  void truncatedSequenceEscaped() {
    assertEquals("\udce2\udc82A", decode(bytes(0xe2, 0x82, 'A')));
  }

  @Test
  void overlongFormEscaped() {
    assertEquals("\udcc0\udc80", decode(bytes(0xc0, 0x80)));
    assertEquals("\udce0\udc80\udc80", decode(bytes(0xe0, 0x80, 0x80)));
  }

  @Test
  void encodedSurrogateEscaped() {
    assertEquals("\udced\udca0\udc80", decode(bytes(0xed, 0xa0, 0x80)));
  }

  @Test
  void codePointAboveMaximumEscaped() {
    assertEquals("\udcf4\udc90\udc80\udc80", decode(bytes(0xf4, 0x90, 0x80, 0x80)));
  }

  @Test
  void strayBytesEscapedBesideValidOnes() {
    assertEquals("\udcffab\u00e9\udc80", decode(bytes(0xff, 'a', 'b', 0xc3, 0xa9, 0x80)));
  }

  @Test
  void supplementaryCodePointBecomesSurrogatePair() {
    assertEquals("\ud83d\ude00", decode(bytes(0xf0, 0x9f, 0x98, 0x80)));
  }

  private static String decode(byte[] value) {
    return new String(SurrogateEscapeDecoder.decode(value));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
