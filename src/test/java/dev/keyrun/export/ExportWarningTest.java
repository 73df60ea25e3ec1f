package dev.keyrun.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportWarningTest {
  private static final Map<String, byte[]> CLAUDE = Map.of("CLAUDECODE", "1".getBytes(UTF_8));

  @Test
  void terminalStdoutWarns() {
    Optional<String> warning = ExportWarning.decide(true, true, Map.of());

    assertTrue(
        warning
            .orElseThrow()
            .startsWith("keyrun: warning: secret values are printed on this terminal"));
  }

  @Test
  void assistantShellWarns() {
    Optional<String> warning = ExportWarning.decide(false, false, CLAUDE);

    assertTrue(warning.orElseThrow().contains("(CLAUDECODE is set)"), warning.get());
  }

  @Test
  void everyAssistantVariableRecognised() {
    for (String name : ExportWarning.ASSISTANT_VARIABLES) {
      Map<String, byte[]> environment = Map.of(name, "x".getBytes(UTF_8));

      assertTrue(ExportWarning.decide(false, false, environment).isPresent(), name);
    }
  }

  @Test
  void interactiveStdinDoesNotWarn() {
    assertEquals(Optional.empty(), ExportWarning.decide(true, false, CLAUDE));
  }

  @Test
  void emptyVariableDoesNotWarn() {
    assertEquals(
        Optional.empty(), ExportWarning.decide(false, false, Map.of("CLAUDECODE", new byte[0])));
  }

  @Test
  void plainPipeDoesNotWarn() {
    assertEquals(Optional.empty(), ExportWarning.decide(false, false, Map.of()));
  }
}
