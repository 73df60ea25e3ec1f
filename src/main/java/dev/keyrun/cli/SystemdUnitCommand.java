package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.project.Project;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import dev.keyrun.run.CredentialNames;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun systemd unit --name app -- /usr/bin/app ARGS}: prints a drop-in that loads every
 * credential the project's manifest (with the chosen profile) and env files refer to with {@code
 * LoadCredentialEncrypted=} and starts the command through keyrun, so that the unit file itself
 * contains no secret.
 */
final class SystemdUnitCommand {
  private final Services services = new Services();
  private final PrintStream stdout;
  private final PrintStream stderr;

  SystemdUnitCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int unit(ParseResult parsed) {
    String name = parsed.matchedOptionValue(CommandSpecs.UNIT_NAME, "");
    if (!name.matches("[A-Za-z0-9:_.@\\\\-]+")) {
      throw KeyrunException.failed(
          CommandSpecs.UNIT_NAME,
          "missing or not a unit name",
          "name the service, such as --name app for app.service");
    }
    List<String> command = parsed.matchedPositionalValue(0, List.of());
    if (command.isEmpty()) {
      throw KeyrunException.failed(
          "COMMAND", "missing", "put the command after --, as in: -- /usr/bin/app --port 8080");
    }

    Optional<Project> project =
        ProjectOptions.load(parsed, services.environment(), services.config());
    List<Path> envFiles = RunOptions.envFiles(parsed, project.isPresent());
    Set<String> credentials = CredentialNames.in(project, envFiles, services.environment());
    credentials.forEach(SystemdUnitCommand::requireValidName);
    if (credentials.isEmpty()) {
      stderr.println(
          "keyrun: notice: the "
              + (project.isPresent() ? "manifest and env files refer" : "env files refer")
              + " to no systemd-creds:// credential");
    }

    List<String> execStart = new ArrayList<>(List.of(keyrun(parsed)));
    project.ifPresent(p -> execStart.addAll(projectArguments(p)));
    for (Path file : envFiles) {
      execStart.add("--env-file=" + file.toAbsolutePath());
    }
    execStart.add("--");
    execStart.addAll(command);

    // The whole text is built before anything is printed, so a failure leaves no half drop-in.
    StringBuilder dropIn = new StringBuilder();
    dropIn.append("# ").append(name).append(".service drop-in written by keyrun systemd unit.");
    dropIn.append(" Install it as\n# /etc/systemd/system/").append(name);
    dropIn.append(".service.d/keyrun.conf, then run:\n");
    dropIn.append("# systemctl daemon-reload && systemctl restart ").append(name).append('\n');
    dropIn.append("# keyrun masks secret values in the service's output (the journal is not a\n");
    dropIn.append(
        "# terminal), so it stays as the service's main process. A Type=notify service\n");
    dropIn.append(
        "# must be the main process itself: add --no-mask after the keyrun path, or set\n");
    dropIn.append("# NotifyAccess=all.\n");
    dropIn.append("[Service]\n");
    for (String credential : credentials) {
      dropIn.append("LoadCredentialEncrypted=").append(UnitQuoting.setting(credential));
      dropIn.append('\n');
    }
    dropIn.append("ExecStart=\n");
    dropIn.append("ExecStart=").append(UnitQuoting.commandLine(execStart)).append('\n');
    stdout.print(dropIn);
    stdout.flush();
    return 0;
  }

  /**
   * Returns the manifest as an absolute path and the profile chosen now, since the service runs in
   * another directory, without the caller's KEYRUN_PROFILE or user config.
   */
  private static List<String> projectArguments(Project project) {
    List<String> arguments = new ArrayList<>();
    arguments.add(CommandSpecs.MANIFEST + "=" + project.manifest().toAbsolutePath());
    project.profile().ifPresent(name -> arguments.add(CommandSpecs.PROFILE + "=" + name));
    return arguments;
  }

  private static void requireValidName(String credential) {
    try {
      SystemdCredsStore.requireValidName(new Reference(Scheme.SYSTEMD_CREDS, credential));
    } catch (InvalidReferenceException e) {
      throw KeyrunException.failed(e.reference(), e.problem(), "expected " + e.expected());
    }
  }

  /** Returns --keyrun, else the keyrun found on PATH, as an absolute path. */
  private String keyrun(ParseResult parsed) {
    Path launcher = parsed.matchedOptionValue(CommandSpecs.KEYRUN_PATH, null);
    if (launcher != null) {
      return launcher.toAbsolutePath().toString();
    }
    byte[] path = services.environment().get("PATH");
    String search = path == null ? "" : new String(path, java.nio.charset.StandardCharsets.UTF_8);
    for (String directory : search.split(File.pathSeparator)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, "keyrun");
      if (candidate.isAbsolute() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw KeyrunException.failed(
        "keyrun", "not found on PATH", "give the installed launcher with --keyrun PATH");
  }
}
