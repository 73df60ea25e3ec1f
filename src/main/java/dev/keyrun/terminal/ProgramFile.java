package dev.keyrun.terminal;

import dev.keyrun.KeyrunException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the program before pty4j starts it, and builds the argv it runs.
 *
 * <p>pty4j's native fork and exec reports nothing when execve fails: the child just exits with
 * status 127. So keyrun rejects a missing, non-executable or non-regular file beforehand, and runs
 * a file that is neither a {@code #!} script nor a known binary format through {@code /bin/sh}, as
 * execvp and env(1) do after execve rejects it with ENOEXEC.
 *
 * <p>NOTE: a binary for another CPU still passes the checks and then exits with 127 silently.
 */
final class ProgramFile {
  private static final String SHELL = "/bin/sh";

  /** File magics that execve runs directly: #!, ELF, and Mach-O (thin and universal). */
  private static final List<byte[]> EXECUTABLE_MAGICS =
      List.of(
          new byte[] {'#', '!'},
          new byte[] {0x7f, 'E', 'L', 'F'},
          new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xce},
          new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xcf},
          new byte[] {(byte) 0xce, (byte) 0xfa, (byte) 0xed, (byte) 0xfe},
          new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe},
          new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});

  private ProgramFile() {}

  /**
   * Returns the argv for {@code command}: the program and its arguments, or {@code /bin/sh}
   * followed by them.
   *
   * @throws KeyrunException when the program is missing or cannot be executed
   */
  static List<String> argv(PtyCommand command) {
    Path program = command.program();
    check(program);

    List<String> argv = new ArrayList<>();
    if (!startsWithExecutableMagic(program)) {
      argv.add(SHELL);
    }
    argv.add(program.toString());
    argv.addAll(command.arguments());
    return argv;
  }

  private static void check(Path program) {
    String name = program.toString();
    if (!Files.exists(program)) {
      throw KeyrunException.commandNotFound(name, "check the path of the program");
    }
    if (Files.isDirectory(program)) {
      throw KeyrunException.notExecutable(
          name, "cannot execute: is a directory", "name a program file");
    }
    if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
      throw KeyrunException.notExecutable(
          name, "cannot execute: permission denied", "make it executable with chmod +x");
    }
  }

  /**
   * Tells whether the file starts with a format execve runs. A file keyrun cannot read, such as a
   * binary of mode 711, counts as one, because execve needs no read permission for binaries.
   */
  private static boolean startsWithExecutableMagic(Path program) {
    byte[] head;
    try (InputStream in = Files.newInputStream(program)) {
      head = in.readNBytes(4);
    } catch (IOException e) {
      return true;
    }
    for (byte[] magic : EXECUTABLE_MAGICS) {
      if (startsWith(head, magic)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
