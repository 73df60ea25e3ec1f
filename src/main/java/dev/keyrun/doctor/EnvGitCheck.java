package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The git checks of plaintext env files: not ignored (warn), tracked (fail) and present in the
 * history (warn). The history check also reads untracked env files of references only, whose old
 * values may be in it (see {@link #historyFiles}). Each kind is its own check, so that each prints
 * its own ok or skipped line. The history check lists commit hashes only and never reads a file's
 * content.
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

    List<Path> files =
        kind == Kind.HISTORY ? historyFiles(project, git) : project.plaintextEnvFiles();
    List<Finding> findings = new ArrayList<>();
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
   * Returns the files whose history is read: the plaintext env files, and the env files of
   * references only that git does not track. Such a file was often committed with its values and
   * removed from the index later, and replacing the values with references leaves them in the
   * history. A tracked file of references only is meant to be committed, so it is left out.
   */
  private static List<Path> historyFiles(ProjectScope project, Git git) {
    List<Path> files = new ArrayList<>();
    for (Path file : project.envFiles()) {
      if (project.plaintextEnvFiles().contains(file) || !tracked(git, file.toString())) {
        files.add(file);
      }
    }
    return files;
  }

  private static boolean tracked(Git git, String file) {
    try {
      return git.run("ls-files", "--error-unmatch", "--", file).status() == 0;
    } catch (IOException e) {
      // The history check that follows runs git again and reports its failure.
      return false;
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
                  "add the line \"" + ignoreLine(git, file) + "\" to .gitignore"));
        }
      }
      case TRACKED -> {
        if (git.run("ls-files", "--error-unmatch", "--", file).status() == 0) {
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
    Git.Result log = git.run("log", "--all", "--format=%h", "--", file);
    List<String> commits = log.stdout().lines().filter(l -> !l.isBlank()).toList();
    if (log.status() != 0 || commits.isEmpty()) {
      return;
    }
    String count = commits.size() == 1 ? "1 commit" : commits.size() + " commits";
    findings.add(
        Finding.about(
            name(),
            Status.WARN,
            file,
            file + " is in the git history (" + count + ", latest " + commits.get(0) + ")",
            "rotate every key it held; rewriting the history (git filter-repo) does not reach"
                + " clones and forks, rotation does"));
  }

  /** Returns the .gitignore line for {@code file}: its path from the root of the work tree. */
  private static String ignoreLine(Git git, String file) throws IOException {
    Git.Result prefix = git.run("rev-parse", "--show-prefix");
    String path = prefix.status() == 0 ? prefix.stdout().strip() + file : file;
    return "/" + path;
  }

  private String okMessage(int count) {
    if (count == 0) {
      return "no plaintext env files";
    }
    String files =
        count == 1 ? "the plaintext env file is" : "the " + count + " plaintext env files are";
    return switch (kind) {
      case IGNORED -> files + " ignored by git";
      case TRACKED -> files + " not tracked by git";
      case HISTORY ->
          (count == 1 ? "the env file is" : "the " + count + " env files are")
              + " not in the git history";
    };
  }
}
