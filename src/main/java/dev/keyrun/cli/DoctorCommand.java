package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.doctor.Doctor;
import dev.keyrun.doctor.DoctorReport;
import dev.keyrun.doctor.Host;
import dev.keyrun.doctor.ProjectScope;
import dev.keyrun.doctor.Scope;
import dev.keyrun.project.ManifestDiscovery;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun doctor}: checks the habits that leak secrets (plaintext env files readable by
 * others or known to git, API keys in tracked files) and prints one line per finding with a fix.
 */
final class DoctorCommand {
  /** The exit status when a check fails. */
  static final int CHECK_FAILED = 1;

  static final String DIR = "--dir";
  static final String HOME = "--home";
  static final String ROOT = "--root";

  /** The git program; the environment variable KEYRUN_GIT overrides it. */
  private static final String GIT_VARIABLE = "KEYRUN_GIT";

  private final PrintStream stdout;
  private final PrintStream stderr;

  DoctorCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static CommandSpec spec() {
    CommandSpec doctor = CommandSpecs.command("doctor");
    doctor
        .usageMessage()
        .description(
            "Check the project for habits that leak secrets: plaintext env files that others can"
                + " read, that git does not ignore, tracks or has in its history, API keys in"
                + " files git tracks, keys due for rotation, copies of a key's value that keyrun"
                + " rotate would miss, master tokens (1Password, Vault, Doppler) in the"
                + " environment, shell startup files and AI assistant configs, and the machine:"
                + " disk encryption, backups, systemd units and the stores keyrun can use. Prints"
                + " one line per finding with a fix, and never a value."
                + " Exit status: 0 when no check fails, 1 when one fails, 2 when keyrun cannot"
                + " check.");
    doctor.addOption(CommandSpecs.format("text (default: one line per finding) or json."));
    doctor.addOption(
        OptionSpec.builder(DIR)
            .paramLabel("DIR")
            .type(Path.class)
            .description(
                "Check DIR (default: the directory of the keyrun.toml found by walking up from"
                    + " the working directory, else the working directory).")
            .build());
    doctor.addOption(
        OptionSpec.builder(HOME)
            .description(
                "Also walk the usual places of the home directory for plaintext env files that"
                    + " others can read, and read them for master tokens: the files directly in"
                    + " ~, ~/.config, ~/.local/share and project folders such as ~/src, ~/code,"
                    + " ~/projects, ~/work, ~/dev, ~/git and ~/repos. Shell startup files and"
                    + " assistant configs are read for master tokens without it.")
            .build());
    doctor.addOption(
        OptionSpec.builder(ROOT)
            .paramLabel("DIR")
            .type(Path.class)
            .description(
                "Look up system files, such as unit files under /etc/systemd, below DIR instead"
                    + " of / (default: /), to check a mounted image or container.")
            .build());
    return doctor;
  }

  int run(ParseResult parsed) {
    boolean json = ProjectFiles.jsonFormat(parsed);
    Path directory = directory(parsed);
    String git = Optional.ofNullable(System.getenv(GIT_VARIABLE)).orElse("git");

    Host host = Host.current(root(parsed), parsed.hasMatchedOption(HOME));

    DoctorReport report = Doctor.standard().run(new Scope(ProjectScope.of(directory, git), host));
    stdout.print(json ? report.json() : report.text());
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed("stdout", "writing the report failed", null);
    }

    stderr.println("keyrun: doctor: " + report.summary() + " (" + report.directory() + ")");
    return report.failed() ? CHECK_FAILED : 0;
  }

  private static Path root(ParseResult parsed) {
    Path named = parsed.matchedOptionValue(ROOT, null);
    if (named == null) {
      return Path.of("/");
    }
    if (!Files.isDirectory(named)) {
      throw KeyrunException.failed(
          named.toString(), "not a directory", "give --root an existing directory");
    }
    return named;
  }

  private static Path directory(ParseResult parsed) {
    Path named = parsed.matchedOptionValue(DIR, null);
    if (named != null) {
      if (!Files.isDirectory(named)) {
        throw KeyrunException.failed(
            named.toString(), "not a directory", "give --dir an existing directory");
      }
      return named;
    }

    // The manifest is only located here, not checked: a manifest that others can write is a
    // finding of rotation-age, as it is with --dir, and not a reason to stop.
    Path working = Path.of("").toAbsolutePath();
    for (Path directory = working; directory != null; directory = directory.getParent()) {
      if (Files.exists(
          directory.resolve(ManifestDiscovery.FILE_NAME),
          java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return directory;
      }
    }
    return working;
  }
}
