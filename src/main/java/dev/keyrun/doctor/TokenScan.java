package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run's scan of files for master tokens, for {@code master-tokens}: it reads each file once,
 * line by line whatever its size (see {@link StreamedLines}), counts the files read and reads no
 * file that would take the run past {@link #MAX_TOTAL_BYTES}, so that a folder of long assistant
 * session logs cannot make doctor slow.
 */
final class TokenScan {
  /**
   * The maximum of bytes one run reads. Reading and filtering 64 MiB of logs took about 1 s of CPU
   * time on a 2-core machine, and matching every line of them took 41 s (docs/benchmarks.md).
   */
  static final long MAX_TOTAL_BYTES = 64L << 20;

  /** The number of unread files the warning names. */
  static final int NAMED_UNREAD_FILES = 3;

  private final Scope scope;
  private final String check;
  private final long maxTotalBytes;
  private final Set<Path> scanned = new HashSet<>();
  private final List<Finding> findings = new ArrayList<>();
  private long bytesRead;
  private int filesRead;
  private int filesOverBudget;
  private int filesNotText;
  private final List<String> unreadFiles = new ArrayList<>();

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

      long size;
      try {
        size = Files.size(absolute);
      } catch (IOException e) {
        unread(absolute, false);
        continue;
      }
      if (bytesRead + size > maxTotalBytes) {
        unread(absolute, true);
        continue;
      }

      bytesRead += size;
      read(absolute, size, exposure);
    }
  }

  private void read(Path file, long size, String exposure) {
    String display = display(file);
    LineHits hits = new LineHits(display, exposure);
    try {
      if (!StreamedLines.read(file, size, hits)) {
        unread(file, false);
        return;
      }
    } catch (IOException e) {
      unread(file, false);
      return;
    }
    filesRead++;
  }

  private void unread(Path file, boolean overBudget) {
    if (overBudget) {
      filesOverBudget++;
    } else {
      filesNotText++;
    }
    if (unreadFiles.size() < NAMED_UNREAD_FILES) {
      unreadFiles.add(display(file));
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

  /**
   * Returns the findings, with a warning when files were left unread: by the byte budget, or
   * because they are binary or could not be read.
   */
  List<Finding> findings() {
    List<Finding> all = new ArrayList<>(findings);
    int unread = filesOverBudget + filesNotText;
    if (unread > 0) {
      all.add(
          Finding.about(
              check,
              Status.WARN,
              null,
              (unread == 1 ? "1 file was" : unread + " files were")
                  + " not read ("
                  + unreadReasons()
                  + "), so a token in "
                  + (unread == 1 ? "it" : "them")
                  + " is not reported: "
                  + unreadNames(unread),
              "move old sessions and logs out of the assistant folders, and check by hand a file"
                  + " that should be text"));
    }
    return all;
  }

  private String unreadReasons() {
    List<String> reasons = new ArrayList<>();
    if (filesOverBudget > 0) {
      reasons.add(
          filesOverBudget + " past the " + maxTotalBytes / (1 << 20) + " MiB one run reads");
    }
    if (filesNotText > 0) {
      reasons.add(filesNotText + " binary or unreadable");
    }
    return String.join(", ", reasons);
  }

  private String unreadNames(int unread) {
    String names = String.join(", ", unreadFiles);
    int more = unread - unreadFiles.size();
    return more > 0 ? names + " and " + more + " more" : names;
  }

  int filesRead() {
    return filesRead;
  }

  /**
   * Reports the master tokens of each line. Hits repeated within the pieces of one long line come
   * from the overlap of the pieces (see {@link StreamedLines}) and are reported once.
   */
  private final class LineHits implements StreamedLines.Receiver {
    private final String file;
    private final String exposure;
    private final Set<MasterTokens.Hit> lineHits = new HashSet<>();

    LineHits(String file, String exposure) {
      this.file = file;
      this.exposure = exposure;
    }

    @Override
    public void accept(int line, String text, boolean continued) {
      if (!continued) {
        lineHits.clear();
      }
      for (MasterTokens.Hit hit : MasterTokens.find(text)) {
        if (continued && lineHits.contains(hit)) {
          continue;
        }
        lineHits.add(hit);
        findings.add(
            new Finding(
                check,
                Status.FAIL,
                hit.redacted() + " is a " + hit.kind().description() + " in plain text",
                hit.kind().fix(exposure),
                file,
                line));
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
