package dev.keyrun.doctor;

import java.io.IOException;

/**
 * The disk-encryption finding on macOS, from {@code fdesetup status}, which any user may run. It
 * prints {@code FileVault is On.} or {@code FileVault is Off.} (or {@code FileVault is Off, but
 * will be enabled after the next restart.}), followed by a line such as {@code Encryption in
 * progress: Percent completed = 42.5} while the disk is being converted. A disk being decrypted
 * gets a warning.
 */
final class FileVaultStatus {
  /** The fdesetup program; the environment variable overrides the one on PATH. */
  static final String VARIABLE = "KEYRUN_FDESETUP_BIN";

  private static final String FIX =
      "turn FileVault on in System Settings > Privacy & Security > FileVault (or sudo fdesetup"
          + " enable), or keep keys in the Keychain or 1Password";

  private final HostProgram fdesetup;

  FileVaultStatus(Host host) {
    this.fdesetup = new HostProgram(host, VARIABLE, "fdesetup");
  }

  Finding finding() {
    HostProgram.Result result;
    try {
      result = fdesetup.run("status");
    } catch (IOException e) {
      return Finding.skipped(
          DiskEncryptionCheck.NAME, fdesetup.program() + " could not run: " + e.getMessage());
    }
    if (result.status() != 0) {
      return Finding.skipped(
          DiskEncryptionCheck.NAME,
          "fdesetup status exited with " + result.status() + ": " + result.firstErrorLine());
    }

    String output = result.stdout();
    String status = firstLine(output).replaceFirst("\\.$", "") + progress(output);
    boolean on = output.startsWith("FileVault is On");
    if (on && !output.contains("Decryption in progress")) {
      return Finding.ok(DiskEncryptionCheck.NAME, status);
    }
    if (on || output.startsWith("FileVault is Off")) {
      return Finding.about(DiskEncryptionCheck.NAME, Status.WARN, null, status, FIX);
    }
    return Finding.skipped(
        DiskEncryptionCheck.NAME, "fdesetup status printed an unknown status: " + status);
  }

  /** Returns "; encryption in progress: Percent completed = 42.5" or empty. */
  private static String progress(String output) {
    for (String line : output.split("\n")) {
      if (line.contains(" in progress")) {
        return "; " + Character.toLowerCase(line.charAt(0)) + line.substring(1).strip();
      }
    }
    return "";
  }

  private static String firstLine(String output) {
    String stripped = output.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline);
  }
}
