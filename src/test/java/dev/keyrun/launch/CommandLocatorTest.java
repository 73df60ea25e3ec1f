package dev.keyrun.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyrun.KeyrunException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLocatorTest {
  @TempDir Path directory;

  private Map<String, byte[]> path(Path... directories) {
    StringBuilder text = new StringBuilder();
    for (Path entry : directories) {
      text.append(text.length() == 0 ? "" : ":").append(entry);
    }
    return Map.of("PATH", text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Path program(Path in, String name, String mode) throws Exception {
    Files.createDirectories(in);
    Path file = Files.writeString(in.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void firstExecutableOnPathWins() throws Exception {
    program(directory.resolve("a"), "tool", "rw-r--r--");
    Path executable = program(directory.resolve("b"), "tool", "rwxr-xr-x");

    Path found =
        CommandLocator.locate("tool", path(directory.resolve("a"), directory.resolve("b")));

    assertEquals(executable, found);
  }

  @Test
  void missingCommandGives127() {
    KeyrunException e =
        assertThrows(KeyrunException.class, () -> CommandLocator.locate("absent", path(directory)));

    assertEquals(127, e.exitCode());
  }

  @Test
  void nonExecutableOnPathGives126() throws Exception {
    program(directory, "tool", "rw-r--r--");

    KeyrunException e =
        assertThrows(KeyrunException.class, () -> CommandLocator.locate("tool", path(directory)));

    assertEquals(126, e.exitCode());
  }

  @Test
  void directoryGives126() {
    KeyrunException e =
        assertThrows(
            KeyrunException.class, () -> CommandLocator.locate(directory.toString(), Map.of()));

    assertEquals(126, e.exitCode());
  }

  @Test
  void pathWithSlashSkipsSearch() throws Exception {
    Path executable = program(directory, "tool", "rwxr-xr-x");

    assertEquals(executable, CommandLocator.locate(executable.toString(), Map.of()));
  }

  @Test
  void unsetPathUsesDefault() {
    assertEquals(
        Path.of("/bin/sh").getFileName(), CommandLocator.locate("sh", Map.of()).getFileName());
  }
}
