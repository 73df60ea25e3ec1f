package dev.keyrun.doctor;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads which env files the git history contains and which of their commits added a plain value.
 * The added lines of each diff are parsed in memory and dropped. No value is printed or stored, and
 * git's arguments are options and file names only.
 */
final class EnvHistory {
  /** The pathspecs of env-like names, in the directory git runs in and below it. */
  private static final String[] ENV_PATHSPECS = {
    ":(glob)**/.env", ":(glob)**/.env.*", ":(glob)**/*.env"
  };

  private static final String COMMIT_MARK = "commit ";

  /**
   * The pathspec magic that matches a file name as it is written, so that a name such as {@code
   * [ab].env} does not match {@code a.env} as a glob.
   */
  static final String LITERAL = ":(literal)";

  private EnvHistory() {}

  /**
   * Returns the env files to look up: {@code present}, then the env-like paths below the project
   * directory that any commit of any branch touched, such as a {@code .env} committed and deleted
   * later. {@code --full-history} keeps the commits of a merged branch whose merge left the file as
   * it was, which git's default history simplification drops.
   */
  static List<Path> files(Git git, List<Path> present) throws IOException {
    Set<Path> files = new LinkedHashSet<>(present);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "log",
                "--all",
                "--full-history",
                "-z",
                "--format=",
                "--name-only",
                "--relative",
                "--"));
    arguments.addAll(List.of(ENV_PATHSPECS));
    Git.Result log = git.run(arguments.toArray(String[]::new));
    requireSuccess(log);

    // -z ends each name with NUL and leaves it unquoted. Without it, git quotes a name with
    // non-ASCII or control characters, and the quoted name matches no env file.
    for (String name : log.stdout().split("\0")) {
      if (!name.isBlank() && ProjectWalk.isEnvName(Path.of(name).getFileName().toString())) {
        files.add(Path.of(name));
      }
    }
    return List.copyOf(files);
  }

  /**
   * Returns the abbreviated hashes of the commits, newest first, whose diff of {@code file} adds a
   * plain value: a value that is not empty and not a reference. A line that does not parse counts
   * as plain, such as a line of a quoted value that spans lines. A merge counts when its resolution
   * adds a line that none of its parents has ({@code --cc}), because a line taken from one parent
   * is reported in the commit that added it there.
   */
  static List<String> plaintextCommits(Git git, String file) throws IOException {
    Git.Result log =
        git.run(
            "log",
            "--all",
            "--full-history",
            "--patch",
            "--cc",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--format=" + COMMIT_MARK + "%h",
            "--",
            LITERAL + file);
    requireSuccess(log);

    List<String> commits = new ArrayList<>();
    String commit = null;
    // The number of prefix columns of the current hunk's lines, and 0 outside a hunk, where the
    // "+++ b/FILE" header is no added line.
    int columns = 0;
    for (String line : log.stdout().split("\n", -1)) {
      if (line.startsWith(COMMIT_MARK)) {
        commit = line.substring(COMMIT_MARK.length()).strip();
        columns = 0;
      } else if (line.startsWith("diff ")) {
        columns = 0;
      } else if (line.startsWith("@@")) {
        columns = hunkColumns(line);
      } else if (commit != null
          && columns > 0
          && addsPlainValue(line, columns)
          && !commits.contains(commit)) {
        commits.add(commit);
      }
    }
    return commits;
  }

  /**
   * Throws when git log failed, such as on an object that a blobless clone has not fetched, so that
   * the check reports it as skipped and not as ok.
   */
  private static void requireSuccess(Git.Result log) throws IOException {
    if (log.status() != 0) {
      throw new IOException("git log exited with status " + log.status());
    }
  }

  /**
   * Returns the number of prefix columns of the lines of a hunk: 1 in a diff against one parent
   * ({@code @@}), and one per parent in the combined diff of a merge ({@code @@@} for two).
   */
  private static int hunkColumns(String header) {
    int marks = 0;
    while (marks < header.length() && header.charAt(marks) == '@') {
      marks++;
    }
    return marks - 1;
  }

  /**
   * Tells whether a line of a hunk adds a plain value. The line is added when each of its {@code
   * columns} prefix characters is {@code +}, that is new against every parent.
   */
  private static boolean addsPlainValue(String line, int columns) {
    if (line.length() < columns) {
      return false;
    }
    for (int i = 0; i < columns; i++) {
      if (line.charAt(i) != '+') {
        return false;
      }
    }

    try {
      for (DotenvEntry entry : DotenvParser.parse("history", line.substring(columns))) {
        if (PlaintextEnvFiles.isPlaintext(entry)) {
          return true;
        }
      }
      return false;
    } catch (DotenvSyntaxException e) {
      return true;
    }
  }
}
