package dev.keyrun.files;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.keyrun.launch.Posix;

/**
 * The C library calls that deliver secrets as files, bound through JNA. Strings cross as
 * NUL-terminated byte arrays that keyrun encodes itself.
 *
 * <p>As in {@code dev.keyrun.launch}, the functions are looked up in the running process rather
 * than in a library loaded by name. {@code size_t}, {@code ssize_t} and {@code off_t} are {@link
 * NativeLong}, which matches glibc's {@code pwrite} on 32-bit and 64-bit Linux alike.
 */
interface LibC extends Library {
  LibC INSTANCE = load();

  /** Returns a new descriptor, or -1 with errno set. Exists in glibc 2.27 and later. */
  int memfd_create(byte[] name, int flags);

  NativeLong pwrite(int fd, Pointer buffer, NativeLong count, NativeLong offset);

  int fcntl(int fd, int command, int argument);

  int close(int fd);

  int kill(int pid, int signal);

  String strerror(int errno);

  private static LibC load() {
    // Posix clears jna.platform.library.path in its static initialiser, which spares the
    // "ldconfig -p" child process that JNA otherwise runs on first use. Calling Posix.pid() runs
    // that initialiser before JNA loads this interface.
    Posix.pid();
    return Native.load(LibC.class);
  }
}
