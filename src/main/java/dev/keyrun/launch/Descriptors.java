package dev.keyrun.launch;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marks the descriptors the JVM opened (its jar, modules file, caches) close-on-exec, so the child
 * inherits only what the caller passed: stdin, stdout, stderr and the sockets of systemd socket
 * activation ({@code LISTEN_FDS}, starting at descriptor 3).
 */
final class Descriptors {
  private static final int FIRST_LISTEN_FD = 3;

  private Descriptors() {}

  static void closeJvmDescriptorsOnExec(Map<String, byte[]> callerEnvironment) {
    int keepUpTo = FIRST_LISTEN_FD + listenFdCount(callerEnvironment);
    for (int fd : openDescriptors()) {
      if (fd >= keepUpTo) {
        Posix.setCloseOnExec(fd);
      }
    }
  }

  private static int listenFdCount(Map<String, byte[]> environment) {
    byte[] count = environment.get("LISTEN_FDS");
    if (count == null) {
      return 0;
    }
    try {
      return Math.max(
          0, Integer.parseInt(new String(count, java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NumberFormatException e) {
      return 0;
    }
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
