package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run's scan of files for master tokens, for {@code master-tokens}: it reads each file once,
 * counts the files read and stops reading after {@link #MAX_TOTAL_BYTES} in all, so that a folder
 * of long assistant session logs cannot make doctor slow.
 */
final class TokenScan {
  /**
   * The maximum of bytes one run reads. Reading and filtering 64 MiB of logs took about 1 s of CPU
   * time on a 2-core machine, and matching every line of them took 41 s (docs/benchmarks.md).
   */
  static final long MAX_TOTAL_BYTES = 64L << 20;

  private final Scope scope;
  private final String check;
  private final long maxTotalBytes;
  private final Set<Path> scanned = new HashSet<>();
  private final List<Finding> findings = new ArrayList<>();
  private long bytesRead;
  private int filesRead;
  private int filesOverBudget;

  TokenScan(Scope scope, String check) {
    this(scope, check, MAX_TOTAL_BYTES);
  }

  TokenScan(Scope scope, String check, long maxTotalBytes) {
    this.scope = scope;
    this.check = check;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** Scans each of {@code files} not scanned before, with {@code exposure} in each fix. */
  void scan(List<Path> files, String exposure) {
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      if (!scanned.add(absolute) || !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!withinBudget(absolute)) {
        filesOverBudget++;
        continue;
      }

      Optional<List<String>> lines = TextFile.lines(absolute);
      if (lines.isPresent()) {
        filesRead++;
        scanLines(display(absolute), lines.get(), exposure);
      }
    }
  }

  /** Adds a warning when {@code walk} stopped early in {@code places}. */
  void warnOnLimit(BoundedWalk walk, String places) {
    if (!walk.limit().isEmpty()) {
      findings.add(
          Finding.about(
              check,
              Status.WARN,
              null,
              walk.limit() + " in " + places + ", so files past it were not read",
              "move old sessions and logs out of these folders"));
    }
  }

  /** Returns the findings, with a warning when the byte budget left files unread. */
  List<Finding> findings() {
    List<Finding> all = new ArrayList<>(findings);
    if (filesOverBudget > 0) {
      all.add(
          Finding.about(
              check,
              Status.WARN,
              null,
              "stopped reading after "
                  + maxTotalBytes / (1 << 20)
                  + " MiB, so "
                  + (filesOverBudget == 1 ? "1 file was" : filesOverBudget + " files were")
                  + " not read",
              "move old sessions and logs out of the assistant folders"));
    }
    return all;
  }

  int filesRead() {
    return filesRead;
  }

  private boolean withinBudget(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return true;
    }
    if (size > TextFile.MAX_BYTES) {
      return true;
    }
    if (bytesRead + size > maxTotalBytes) {
      return false;
    }
    bytesRead += size;
    return true;
  }

  private void scanLines(String file, List<String> lines, String exposure) {
    for (int i = 0; i < lines.size(); i++) {
      for (MasterTokens.Hit hit : MasterTokens.find(lines.get(i))) {
        findings.add(
            new Finding(
                check,
                Status.FAIL,
                hit.redacted() + " is a " + hit.kind().description() + " in plain text",
                hit.kind().fix(exposure),
                file,
                i + 1));
      }
    }
  }

  /** Returns {@code file} relative to the project directory when inside it, else with {@code ~}. */
  private String display(Path file) {
    Path project = scope.project().directory();
    if (file.startsWith(project) && !file.equals(project)) {
      return project.relativize(file).toString();
    }
    return scope.host().display(file);
  }
}
