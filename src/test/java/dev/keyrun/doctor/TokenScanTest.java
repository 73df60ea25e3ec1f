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
    assertEquals(
        "1 file was not read (1 past the 2 MiB one run reads), so a token in it is not reported:"
            + " ~/log2",
        findings.get(1).finding());
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

  @Test
  void tokenAtEndOfLargeFileFound() throws Exception {
    Path file =
        Files.createDirectories(directory.resolve("home/.claude/projects/x")).resolve("s.jsonl");
    String filler = "{\"type\": \"assistant\", \"text\": \"" + "lorem ipsum ".repeat(80) + "\"}\n";
    try (var writer = Files.newBufferedWriter(file)) {
      for (long written = 0; written < 5L << 20; written += filler.length()) {
        writer.write(filler);
      }
      writer.write("{\"env\": {\"OP_SERVICE_ACCOUNT_TOKEN\": \"" + TOKEN + "\"}}\n");
    }
    TokenScan scan = new TokenScan(scope(), "master-tokens");

    scan.scan(List.of(file), "exposed");

    assertEquals(1, scan.filesRead());
    List<Finding> findings = scan.findings();
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("~/.claude/projects/x/s.jsonl", findings.get(0).file());
    assertEquals(Files.readAllLines(file).size(), findings.get(0).line());
  }

  @Test
  void tokenInsideLongLineFoundOnce() throws Exception {
    Path file = directory.resolve("home/long.jsonl");
    Files.createDirectories(file.getParent());
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      line.append("\"")
          .append("a".repeat(StreamedLines.MAX_PIECE_CHARS - 30 - i * 7))
          .append("\",");
      line.append("\"key\": \"").append(TOKEN).append("\", ");
    }
    Files.writeString(file, "first\n" + line + "\nlast\n");
    TokenScan scan = new TokenScan(scope(), "master-tokens");

    scan.scan(List.of(file), "exposed");

    List<Finding> findings = scan.findings();
    assertEquals(1, findings.size(), findings.toString());
    assertEquals(2, findings.get(0).line());
    assertEquals(
        "ops_...(44 chars) is a 1Password service account token in plain text",
        findings.get(0).finding());
  }

  @Test
  void binaryAndSpecialFilesNotRead() throws Exception {
    Path binary = directory.resolve("home/.claude/image.bin");
    Files.createDirectories(binary.getParent());
    Files.write(binary, new byte[] {'P', 'N', 'G', 0, 1, 2});
    Path fifo = binary.resolveSibling("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    TokenScan scan = new TokenScan(scope(), "master-tokens");

    scan.scan(List.of(binary, fifo), "exposed");

    assertEquals(0, scan.filesRead());
    List<Finding> findings = scan.findings();
    assertEquals(1, findings.size(), findings.toString());
    assertEquals(Status.WARN, findings.get(0).status());
    assertEquals(
        "1 file was not read (1 binary or unreadable), so a token in it is not reported:"
            + " ~/.claude/image.bin",
        findings.get(0).finding());
  }

  @Test
  void unreadWarningNamesFirstFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path file = directory.resolve("home/.claude/blob" + i);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {0});
      files.add(file);
    }
    TokenScan scan = new TokenScan(scope(), "master-tokens");

    scan.scan(files, "exposed");

    assertEquals(
        "5 files were not read (5 binary or unreadable), so a token in them is not reported:"
            + " ~/.claude/blob0, ~/.claude/blob1, ~/.claude/blob2 and 2 more",
        scan.findings().get(0).finding());
  }

  private Scope scope() {
    ProjectScope project =
        new ProjectScope(directory.resolve("app"), List.of(), List.of(), "", Optional.empty(), "");
    Host host = new Host(Path.of("/"), directory.resolve("home"), Map.of(), "Linux", false);
    return new Scope(project, host);
  }
}
