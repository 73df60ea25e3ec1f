package dev.keyrun.backend.keychain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordOutputTest {

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void stripsExactlyOneNewline() {
    assertArrayEquals(ascii("abc"), PasswordOutput.stripNewline(ascii("abc\n")));
    assertArrayEquals(ascii("abc\n"), PasswordOutput.stripNewline(ascii("abc\n\n")));
    assertArrayEquals(ascii("abc"), PasswordOutput.stripNewline(ascii("abc")));
  }

  @Test
  void evenLowercaseHexMayBeHex() {
    assertTrue(PasswordOutput.mayBeHex(ascii("636166c3a9")));
    assertTrue(PasswordOutput.mayBeHex(ascii("deadbeef")));
  }

  @Test
  void otherTextIsNotHex() {
    assertFalse(PasswordOutput.mayBeHex(ascii("abc")));
    assertFalse(PasswordOutput.mayBeHex(ascii("DEADBEEF")));
    assertFalse(PasswordOutput.mayBeHex(ascii("sk-123")));
    assertFalse(PasswordOutput.mayBeHex(ascii("")));
  }

  @Test
  void decodesUtf8Hex() {
    assertArrayEquals(
        "café".getBytes(StandardCharsets.UTF_8), PasswordOutput.decodeHex(ascii("636166c3a9")));
  }

  @Test
  void decodesSignExtendedHex() {
    assertArrayEquals(
        "café".getBytes(StandardCharsets.UTF_8),
        PasswordOutput.decodeHex(ascii("636166ffffffc3ffffffa9")));
  }

  @Test
  void genuineFfBytesKept() {
    byte[] decoded = PasswordOutput.decodeHex(ascii("ff00"));
    assertArrayEquals(new byte[] {(byte) 0xff, 0}, decoded);
  }

  @Test
  void readsHexMarkerOfGForm() {
    assertTrue(PasswordOutput.isHexForm(ascii("password: 0x636166C3A9  \"caf\\303\\251\"\n")));
    assertFalse(PasswordOutput.isHexForm(ascii("password: \"deadbeef\"\n")));
  }

  @Test
  void decodesSignExtendedBinary() {
    assertArrayEquals(
        new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 'b'},
        PasswordOutput.decodeHex(ascii("fffffffffffffffe6162")));
  }

  @Test
  void highPairOutsideGroupIsPlain() {
    assertArrayEquals(
        new byte[] {(byte) 0xc3, (byte) 0xa9}, PasswordOutput.decodeHex(ascii("c3a9")));
  }
}
