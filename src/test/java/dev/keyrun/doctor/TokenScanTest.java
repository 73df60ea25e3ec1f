package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenScanTest {
  private static final String TOKEN = "ops_" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0n";

  @TempDir Path directory;

  @Test
  void byteBudgetLeavesFilesUnread() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path file = directory.resolve("home/log" + i);
      Files.createDirectories(file.getParent());
      Files.writeString(file, ("x".repeat(999) + "\n").repeat(1024));
      files.add(file);
    }
    Files.writeString(files.get(3), "token " + TOKEN + "\n");
    TokenScan scan = new TokenScan(scope(), "master-tokens", 2 << 20);

    scan.scan(files, "exposed");

    assertEquals(3, scan.filesRead());
    List<Finding> findings = scan.findings();
    assertEquals(2, findings.size(), findings.toString());
    assertEquals("~/log3", findings.get(0).file());
    assertEquals(Status.FAIL, findings.get(0).status());
    assertEquals("stopped reading after 2 MiB, so 1 file was not read", findings.get(1).finding());
    assertFalse(findings.get(0).finding().contains(TOKEN.substring(4)), findings.get(0).finding());
  }

  @Test
  void fileListedTwiceReadOnce() throws Exception {
    Path file = Files.createDirectories(directory.resolve("app/.claude")).resolve("settings.json");
    Files.writeString(file, "{\"token\": \"" + TOKEN + "\"}\n");
    TokenScan scan = new TokenScan(scope(), "master-tokens");

    scan.scan(List.of(file, file.getParent().resolve("../.claude/settings.json")), "exposed");

    assertEquals(1, scan.filesRead());
    assertEquals(1, scan.findings().size());
    assertEquals(".claude/settings.json", scan.findings().get(0).file());
    assertEquals(1, scan.findings().get(0).line());
  }

  private Scope scope() {
    ProjectScope project =
        new ProjectScope(directory.resolve("app"), List.of(), List.of(), "", Optional.empty(), "");
    Host host = new Host(Path.of("/"), directory.resolve("home"), Map.of(), "Linux", false);
    return new Scope(project, host);
  }
}
