package dev.keyrun.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTest {
  private static byte[] block(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void entriesKeepOrderAndBytes() {
    Map<String, byte[]> environment = ProcessEnvironment.parse(block("B=2\0A=x=y\0"));

    assertEquals(List.of("B", "A"), List.copyOf(environment.keySet()));
    assertArrayEquals(block("x=y"), environment.get("A"));
  }

  @Test
  void nonUtf8BytesSurvive() {
    byte[] raw = {'K', '=', (byte) 0xff, (byte) 0xfe, 0};

    Map<String, byte[]> environment = ProcessEnvironment.parse(raw);

    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe}, environment.get("K"));
  }

  @Test
  void entryWithoutEqualsIsSkipped() {
    Map<String, byte[]> environment = ProcessEnvironment.parse(block("JUNK\0A=1\0"));

    assertFalse(environment.containsKey("JUNK"));
    assertArrayEquals(block("1"), environment.get("A"));
  }

  @Test
  void firstDuplicateWins() {
    Map<String, byte[]> environment = ProcessEnvironment.parse(block("A=1\0A=2\0"));

    assertArrayEquals(block("1"), environment.get("A"));
  }

  @Test
  void unsetCallerLocaleIsRestored() {
    Map<String, byte[]> environment =
        ProcessEnvironment.parse(block("LC_ALL=C.UTF-8\0KEYRUN_CALLER_LC_ALL=\0A=1\0"));

    ProcessEnvironment.restoreCallerLocale(environment);

    assertEquals(List.of("A"), List.copyOf(environment.keySet()));
  }

  @Test
  void setCallerLocaleIsRestored() {
    Map<String, byte[]> environment =
        ProcessEnvironment.parse(block("LC_ALL=C.UTF-8\0KEYRUN_CALLER_LC_ALL==POSIX\0"));

    ProcessEnvironment.restoreCallerLocale(environment);

    assertArrayEquals(block("POSIX"), environment.get("LC_ALL"));
    assertFalse(environment.containsKey("KEYRUN_CALLER_LC_ALL"));
  }

  @Test
  void emptyValueIsKept() {
    assertArrayEquals(new byte[0], ProcessEnvironment.parse(block("A=\0")).get("A"));
  }
}
