package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The git checks of plaintext env files: not ignored (warn), tracked (fail) and present in the
 * history (warn). The history check reads every env file of the project and those that only the
 * history contains (see {@link #historyFiles}), and warns when a commit added a plain value to one
 * (see {@link EnvHistory}). Each kind is its own check, so that each prints its own ok or skipped
 * line.
 */
final class EnvGitCheck implements Check {
  /** The git fact that the check looks at. */
  enum Kind {
    IGNORED("env-gitignore"),
    TRACKED("env-tracked"),
    HISTORY("env-history");

    private final String checkName;

    Kind(String checkName) {
      this.checkName = checkName;
    }
  }

  private final Kind kind;

  EnvGitCheck(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.checkName;
  }

  @Override
  public List<Finding> run(Scope scope) {
    ProjectScope project = scope.project();
    if (project.git().isEmpty()) {
      return List.of(Finding.skipped(name(), project.gitMissing()));
    }
    Git git = project.git().get();

    List<Finding> findings = new ArrayList<>();
    List<Path> files =
        kind == Kind.HISTORY ? historyFiles(project, git, findings) : project.plaintextEnvFiles();
    for (Path file : files) {
      try {
        check(git, file.toString(), findings);
      } catch (IOException e) {
        findings.add(Finding.skipped(name(), "git failed on " + file + ": " + e.getMessage()));
      }
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(name(), okMessage(files.size())));
    }
    return findings;
  }

  /**
   * Returns the files whose history is read: every env file of the project, whether it holds plain
   * values or references, and the env files that only the history still contains. Replacing values
   * with references, or deleting the file, leaves the old values in the history. When git fails, it
   * adds a skipped finding and returns the project's env files.
   */
  private List<Path> historyFiles(ProjectScope project, Git git, List<Finding> findings) {
    try {
      return EnvHistory.files(git, project.envFiles());
    } catch (IOException e) {
      findings.add(
          Finding.skipped(
              name(), "git failed to list the env files of the history: " + e.getMessage()));
      return project.envFiles();
    }
  }

  private void check(Git git, String file, List<Finding> findings) throws IOException {
    switch (kind) {
      case IGNORED -> {
        if (git.run("check-ignore", "-q", "--", file).status() == 1) {
          findings.add(
              Finding.about(
                  name(),
                  Status.WARN,
                  file,
                  file + " is not ignored by git",
                  "add the line \"/" + file + "\" to .gitignore"));
        }
      }
      case TRACKED -> {
        if (git.run("ls-files", "--error-unmatch", "--", EnvHistory.LITERAL + file).status() == 0) {
          findings.add(
              Finding.about(
                  name(),
                  Status.FAIL,
                  file,
                  file + " is tracked by git",
                  "git rm --cached " + file + ", ignore it, and rotate every key it holds"));
        }
      }
      case HISTORY -> history(git, file, findings);
    }
  }

  private void history(Git git, String file, List<Finding> findings) throws IOException {
    List<String> commits = EnvHistory.plaintextCommits(git, file);
    if (commits.isEmpty()) {
      return;
    }
    String count = commits.size() == 1 ? "1 commit" : commits.size() + " commits";
    findings.add(
        Finding.about(
            name(),
            Status.WARN,
            file,
            file
                + " is in the git history with plain values (added in "
                + count
                + ", latest "
                + commits.get(0)
                + ")",
            "rotate every key it held; rewriting the history (git filter-repo) does not reach"
                + " clones and forks, rotation does"));
  }

  private String okMessage(int count) {
    if (count == 0) {
      return kind == Kind.HISTORY
          ? "no env files in the project or in its git history"
          : "no plaintext env files";
    }
    String files =
        count == 1 ? "the plaintext env file is" : "the " + count + " plaintext env files are";
    return switch (kind) {
      case IGNORED -> files + " ignored by git";
      case TRACKED -> files + " not tracked by git";
      case HISTORY ->
          "no commit added a plain value to "
              + (count == 1 ? "the env file" : "the " + count + " env files");
    };
  }
}
