package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitFileTest {

  @Test
  void sectionsKeysAndLines() {
    List<UnitFile.Setting> settings =
        UnitFile.parse("[Unit]\nDescription = App \n\n[Service]\nEnvironment=A=1\n");

    assertEquals(
        List.of(
            new UnitFile.Setting("Unit", "Description", "App", 2),
            new UnitFile.Setting("Service", "Environment", "A=1", 5)),
        settings);
  }

  @Test
  void continuationJoinsLinesAtFirstLine() {
    List<UnitFile.Setting> settings =
        UnitFile.parse("[Service]\nEnvironment=A=1 \\\n  B=2 \\\n  C=3\nUser=app\n");

    assertEquals(2, settings.size());
    assertEquals("A=1    B=2    C=3", settings.get(0).value());
    assertEquals(2, settings.get(0).line());
    assertEquals(new UnitFile.Setting("Service", "User", "app", 5), settings.get(1));
  }

  @Test
  void commentsAreSkippedInsideContinuation() {
    List<UnitFile.Setting> settings =
        UnitFile.parse("[Service]\nEnvironment=A=1 \\\n# B=2 \\\n; C=3\n  D=4\n");

    assertEquals(
        List.of(new UnitFile.Setting("Service", "Environment", "A=1    D=4", 2)), settings);
  }

  @Test
  void commentLinesAreNotSettings() {
    List<UnitFile.Setting> settings =
        UnitFile.parse("[Service]\n# Environment=A=1\n  ; Environment=B=2\nnot a setting\n");

    assertEquals(List.of(), settings);
  }

  @Test
  void escapedBackslashDoesNotContinue() {
    List<UnitFile.Setting> settings =
        UnitFile.parse("[Service]\nEnvironment=A=x\\\\\nEnvironment=B=2\n");

    assertEquals(2, settings.size());
    assertEquals("A=x\\\\", settings.get(0).value());
  }

  @Test
  void crlfAndContinuationAtEndOfFile() {
    List<UnitFile.Setting> settings = UnitFile.parse("[Service]\r\nEnvironment=A=1 \\");

    assertEquals(List.of(new UnitFile.Setting("Service", "Environment", "A=1", 2)), settings);
  }
}
