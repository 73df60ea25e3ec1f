package dev.keyrun.launch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library calls keyrun makes through JNA. Strings cross as {@link Pointer}s to byte arrays
 * that keyrun encodes itself, so that no value depends on the JVM's idea of the locale.
 *
 * <p>The functions are looked up in the running process, which links the C library already. Loading
 * {@code "c"} by name costs a run of {@code ldconfig -p} on Linux, because {@code libc.so} there is
 * a linker script that dlopen cannot load.
 */
interface LibC extends Library {
  LibC INSTANCE = Native.load(LibC.class);

  int execve(Pointer path, Pointer argv, Pointer envp);

  int posix_spawn(
      IntByReference pid,
      Pointer path,
      Pointer fileActions,
      Pointer attributes,
      Pointer argv,
      Pointer envp);

  int posix_spawn_file_actions_init(Pointer actions);

  int posix_spawn_file_actions_destroy(Pointer actions);

  int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

  int pipe(int[] fds);

  int close(int fd);

  int posix_spawnattr_init(Pointer attributes);

  int posix_spawnattr_destroy(Pointer attributes);

  int posix_spawnattr_setflags(Pointer attributes, short flags);

  int posix_spawnattr_setsigmask(Pointer attributes, Pointer signalSet);

  int waitpid(int pid, IntByReference status, int options);

  int kill(int pid, int signal);

  Pointer signal(int signal, Pointer handler);

  int fcntl(int fd, int command, int argument);

  int sigprocmask(int how, Pointer set, Pointer oldSet);

  int isatty(int fd);

  int tcgetpgrp(int fd);

  int getpgrp();

  int getpgid(int pid);

  int geteuid();

  int getpid();

  int getpagesize();

  String strerror(int errno);
}
