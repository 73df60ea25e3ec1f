package dev.keyrun.launch;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the descriptors the JVM opened (its jar, modules file, caches) close-on-exec, so the child
 * inherits only what the caller passed: stdin, stdout, stderr and the sockets of systemd socket
 * activation ({@code LISTEN_FDS}, starting at descriptor 3).
 */
final class Descriptors {
  private static final int FIRST_LISTEN_FD = 3;
  private static final int MAX_LISTEN_FDS = 4096;

  private Descriptors() {}

  /**
   * Marks every descriptor close-on-exec except 0-2, the socket-activation range and {@code kept}.
   */
  static void closeJvmDescriptorsOnExec(Map<String, byte[]> callerEnvironment, Set<Integer> kept) {
    int keepUpTo = FIRST_LISTEN_FD + listenFdCount(callerEnvironment);
    for (int fd : openDescriptors()) {
      if (fd >= keepUpTo && !kept.contains(fd)) {
        Posix.setCloseOnExec(fd);
      }
    }
  }

  /**
   * Returns how many socket-activation descriptors systemd passed to this process: LISTEN_FDS,
   * honoured only when LISTEN_PID names this process (a stale LISTEN_FDS inherited from elsewhere
   * must not keep the JVM's own descriptors open), and at most a few thousand.
   */
  private static int listenFdCount(Map<String, byte[]> environment) {
    String pid = text(environment.get("LISTEN_PID"));
    String count = text(environment.get("LISTEN_FDS"));
    if (count == null || !String.valueOf(Posix.pid()).equals(pid)) {
      return 0;
    }
    try {
      return Math.min(MAX_LISTEN_FDS, Math.max(0, Integer.parseInt(count)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static List<Integer> openDescriptors() {
    Path directory = Path.of(Platform.isLinux() ? "/proc/self/fd" : "/dev/fd");
    List<Integer> descriptors = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        descriptors.add(Integer.parseInt(entry.getFileName().toString()));
      }
    } catch (IOException | NumberFormatException e) {
      // NOTE: without a descriptor listing, probe a fixed range; descriptors above it stay open.
      for (int fd = FIRST_LISTEN_FD; fd < 1024; fd++) {
        descriptors.add(fd);
      }
    }
    return descriptors;
  }
}
