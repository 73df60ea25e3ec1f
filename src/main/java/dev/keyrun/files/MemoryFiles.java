package dev.keyrun.files;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import dev.keyrun.KeyrunException;
import dev.keyrun.launch.Posix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Secret files backed by {@code memfd_create(2)} on Linux: anonymous files in memory that vanish
 * with their last descriptor, so nothing needs cleaning up after keyrun replaces itself with the
 * command.
 *
 * <p>Each file stays open in keyrun without close-on-exec, so the command inherits the descriptor
 * across {@code execve}. It is sealed against writes, growth and shrinking first, so the command
 * cannot change it. Its path is {@code /proc/<pid>/fd/<fd>} with keyrun's pid, which the command
 * keeps after execve. Opening that path opens the file afresh at offset 0, so a program can read it
 * any number of times, and the command's own children can open it while the command runs. Only
 * processes allowed to ptrace the command can open the path. That excludes other users, and it
 * excludes the command's children when the command is not dumpable (a setuid program, or after
 * {@code prctl(PR_SET_DUMPABLE, 0)}).
 */
public final class MemoryFiles {
  static final int MFD_CLOEXEC = 1;
  static final int MFD_ALLOW_SEALING = 2;
  static final int F_ADD_SEALS = 1033;
  static final int F_GET_SEALS = 1034;
  static final int F_SEAL_SEAL = 1;
  static final int F_SEAL_SHRINK = 2;
  static final int F_SEAL_GROW = 4;
  static final int F_SEAL_WRITE = 8;

  /** Seals that freeze the content and forbid removing or adding seals. */
  static final int ALL_SEALS = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL;

  /** Maximum length of a memfd name in bytes, without the terminating NUL (memfd_create(2)). */
  private static final int MAX_NAME_BYTES = 249;

  private static final int EINTR = 4;
  private static final int ENFILE = 23;
  private static final int EMFILE = 24;

  private final Set<Integer> descriptors = new LinkedHashSet<>();

  /**
   * Tells whether memory files work here: on Linux with a C library that has {@code memfd_create}
   * (glibc 2.27 and later), a kernel that supports it, and a readable {@code /proc/self/fd}. It
   * creates and closes one empty memory file to find out.
   */
  public static boolean available() {
    if (!Platform.isLinux() || !Files.isReadable(Path.of("/proc/self/fd"))) {
      return false;
    }
    try {
      int fd = LibC.INSTANCE.memfd_create(memfdName("probe"), MFD_CLOEXEC | MFD_ALLOW_SEALING);
      if (fd < 0) {
        return false;
      }
      LibC.INSTANCE.close(fd);
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  /**
   * Creates a sealed memory file that contains exactly {@code value} and returns its path, {@code
   * /proc/<pid>/fd/<fd>}. The descriptor stays open until {@link #close} or the end of the command.
   *
   * @param name an environment variable name, used in the file's name {@code keyrun:<name>}
   * @throws KeyrunException naming {@code name} and the error when the file cannot be made
   */
  public synchronized String create(String name, byte[] value) {
    SecretNames.check(name);

    // No MFD_CLOEXEC: the command must inherit the descriptor across execve.
    int fd = LibC.INSTANCE.memfd_create(memfdName(name), MFD_ALLOW_SEALING);
    if (fd < 0) {
      throw failure(name, "memfd_create", Native.getLastError());
    }
    descriptors.add(fd);

    try {
      writeAll(name, fd, value);
      if (LibC.INSTANCE.fcntl(fd, F_ADD_SEALS, ALL_SEALS) < 0) {
        throw failure(name, "sealing with fcntl(F_ADD_SEALS)", Native.getLastError());
      }
    } catch (RuntimeException e) {
      closeDescriptor(fd);
      throw e;
    }
    return "/proc/" + Posix.pid() + "/fd/" + fd;
  }

  /** Writes {@code value} at offset 0 with pwrite, so the descriptor's own offset stays at 0. */
  private static void writeAll(String name, int fd, byte[] value) {
    if (value.length == 0) {
      return;
    }
    Memory buffer = new Memory(value.length);
    try {
      buffer.write(0, value, 0, value.length);
      long written = 0;
      while (written < value.length) {
        long count =
            LibC.INSTANCE
                .pwrite(
                    fd,
                    buffer.share(written),
                    new NativeLong(value.length - written),
                    new NativeLong(written))
                .longValue();
        if (count > 0) {
          written += count;
        } else if (count < 0 && Native.getLastError() == EINTR) {
          continue;
        } else {
          throw failure(name, "pwrite", count < 0 ? Native.getLastError() : 0);
        }
      }
    } finally {
      buffer.clear();
      buffer.close();
    }
  }

  /** Returns the numbers of the open descriptors, which the launcher must not close on exec. */
  public synchronized Set<Integer> descriptors() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(descriptors));
  }

  /**
   * Closes every descriptor, which frees the files. Only a failure before the exec needs this,
   * because the files belong to the command after it. Calling it again does nothing.
   */
  public synchronized void close() {
    for (int fd : descriptors) {
      LibC.INSTANCE.close(fd);
    }
    descriptors.clear();
  }

  private void closeDescriptor(int fd) {
    LibC.INSTANCE.close(fd);
    descriptors.remove(fd);
  }

  /** Returns {@code keyrun:<name>} as a NUL-terminated string, truncated to the kernel's limit. */
  private static byte[] memfdName(String name) {
    byte[] text = ("keyrun:" + name).getBytes(StandardCharsets.US_ASCII);
    byte[] terminated = new byte[Math.min(text.length, MAX_NAME_BYTES) + 1];
    System.arraycopy(text, 0, terminated, 0, terminated.length - 1);
    return terminated;
  }

  private static KeyrunException failure(String name, String call, int errno) {
    String reason = errno == 0 ? "wrote nothing" : "failed: " + LibC.INSTANCE.strerror(errno);
    String hint =
        errno == EMFILE || errno == ENFILE
            ? "raise the limit on open files (ulimit -n), or deliver fewer values as files"
            : "deliver the value as an environment variable instead";
    return KeyrunException.failed(
        name, "cannot create the in-memory secret file: " + call + " " + reason, hint);
  }
}
