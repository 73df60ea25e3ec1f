package dev.keyrun.advise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers the answers of {@code keyrun advise} from this machine: systemd and listening sockets,
 * login accounts, the 1Password CLI and a keyring. It reads files only and opens no socket.
 */
public final class MachineFacts {
  private final Path systemdDirectory;
  private final List<Path> tcpTables;
  private final Path passwd;
  private final Map<String, String> environment;
  private final String osName;

  /** Creates the inference for this machine, reading the standard Linux paths. */
  public MachineFacts(Map<String, String> environment) {
    this(
        Path.of("/run/systemd/system"),
        List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")),
        Path.of("/etc/passwd"),
        environment,
        System.getProperty("os.name", ""));
  }

  /** Creates the inference over other files, for tests. */
  MachineFacts(
      Path systemdDirectory,
      List<Path> tcpTables,
      Path passwd,
      Map<String, String> environment,
      String osName) {
    this.systemdDirectory = systemdDirectory;
    this.tcpTables = List.copyOf(tcpTables);
    this.passwd = passwd;
    this.environment = Map.copyOf(environment);
    this.osName = osName;
  }

  /** Assumes the machine is shared when more than one account can log in. */
  public Answer sharedMachine() {
    Optional<String> text = read(passwd);
    if (text.isEmpty()) {
      return Answer.assumed(false, passwd + " is not readable, so no other account was found");
    }

    List<String> accounts = LoginAccounts.parse(text.get());
    if (accounts.size() > 1) {
      return Answer.assumed(
          true, accounts.size() + " accounts can log in (" + String.join(", ", accounts) + ")");
    }
    return Answer.assumed(
        false, "only " + (accounts.isEmpty() ? "root" : accounts.get(0)) + " can log in");
  }

  /** Returns no for keys shared with other machines, because no file on this machine shows it. */
  public Answer manyMachines() {
    return Answer.assumed(false, "nothing on this machine shows keys shared with other machines");
  }

  /**
   * Assumes the machine is internet-facing when systemd runs it and a TCP socket listens on an
   * address other than loopback.
   */
  public Answer internetFacing() {
    if (!Files.isDirectory(systemdDirectory)) {
      return Answer.assumed(false, systemdDirectory + " does not exist, so systemd is not running");
    }

    List<String> listening = new ArrayList<>();
    for (Path table : tcpTables) {
      read(table).ifPresent(text -> listening.addAll(ListeningSockets.parse(text)));
    }
    if (listening.isEmpty()) {
      return Answer.assumed(false, "no TCP socket listens on an address other than loopback");
    }
    return Answer.assumed(
        true, "systemd runs and TCP sockets listen on " + String.join(", ", listening));
  }

  /** Tells whether the 1Password CLI {@code op} is an executable file in a PATH directory. */
  public boolean onePasswordAvailable() {
    String path = environment.getOrDefault("PATH", "");
    for (String directory : path.split(":")) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "op"))) {
        return true;
      }
    }
    return false;
  }

  /** Tells whether an OS keyring is likely reachable: macOS, or a D-Bus session on Linux. */
  public boolean keyringAvailable() {
    if (osName.startsWith("Mac")) {
      return true;
    }
    String bus = environment.get("DBUS_SESSION_BUS_ADDRESS");
    return bus != null && !bus.isEmpty();
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
