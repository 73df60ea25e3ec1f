package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for each line of a file tracked by git that contains a value in a well-known API key format
 * (see {@link KeyPatterns}). Reports file:line and the value redacted to its prefix and length.
 * Reads the working-tree copy of at most {@link #MAX_FILES} tracked files under the project
 * directory, skipping symbolic links, files over {@link #MAX_BYTES} and binary files.
 */
final class TrackedKeysCheck implements Check {
  static final String NAME = "tracked-keys";
  static final int MAX_FILES = 20_000;
  static final long MAX_BYTES = 1 << 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    ProjectScope project = scope.project();
    if (project.git().isEmpty()) {
      return List.of(Finding.skipped(NAME, project.gitMissing()));
    }

    Git.Result listing;
    try {
      listing = project.git().get().run("ls-files", "-z", "--");
    } catch (IOException e) {
      return List.of(Finding.skipped(NAME, "git ls-files failed: " + e.getMessage()));
    }
    if (listing.status() != 0) {
      return List.of(Finding.skipped(NAME, "git ls-files exited with " + listing.status()));
    }

    List<Finding> findings = new ArrayList<>();
    List<String> files = List.of(listing.stdout().split("\0"));
    int scanned = 0;
    for (String file : files) {
      if (file.isEmpty()) {
        continue;
      }
      if (scanned == MAX_FILES) {
        findings.add(
            Finding.about(
                NAME,
                Status.WARN,
                null,
                "stopped after " + MAX_FILES + " tracked files, so the rest were not scanned",
                "run keyrun doctor --dir on a subdirectory"));
        break;
      }
      scanned++;
      scan(project.directory(), file, findings);
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, "no API keys in " + trackedFiles(scanned)));
    }
    return findings;
  }

  private static void scan(Path directory, String file, List<Finding> findings) {
    Path path = directory.resolve(file);
    byte[] content;
    try {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) > MAX_BYTES) {
        return;
      }
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      return;
    }
    for (byte b : content) {
      if (b == 0) {
        return;
      }
    }

    List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      for (KeyPatterns.Match match : KeyPatterns.find(lines.get(i))) {
        findings.add(
            new Finding(
                NAME,
                Status.FAIL,
                match.redacted() + " matches the " + match.provider() + " API key format",
                TrackedKeyFix.of(file),
                file,
                i + 1));
      }
    }
  }

  private static String trackedFiles(int count) {
    return switch (count) {
      case 0 -> "any tracked file";
      case 1 -> "the 1 tracked file";
      default -> "the " + count + " tracked files";
    };
  }
}
