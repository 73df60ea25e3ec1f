package dev.keyrun.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.KeyrunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDiscoveryTest {
  @TempDir Path directory;

  private Path manifest(Path in, String mode) throws Exception {
    Path file = Files.writeString(in.resolve("keyrun.toml"), "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void manifestInWorkingDirectoryIsFound() throws Exception {
    Path file = manifest(directory, "rw-r--r--");

    assertEquals(Optional.of(file), ManifestDiscovery.find(Optional.empty(), directory));
  }

  @Test
  void searchWalksUpToParents() throws Exception {
    Path file = manifest(directory, "rw-r--r--");
    Path deep = Files.createDirectories(directory.resolve("a/b/c"));

    assertEquals(Optional.of(file), ManifestDiscovery.find(Optional.empty(), deep));
  }

  @Test
  void nearestManifestWins() throws Exception {
    manifest(directory, "rw-r--r--");
    Path inner = Files.createDirectories(directory.resolve("service"));
    Path file = manifest(inner, "rw-r--r--");
    Path deep = Files.createDirectories(inner.resolve("src"));

    assertEquals(Optional.of(file), ManifestDiscovery.find(Optional.empty(), deep));
  }

  @Test
  void namedManifestSkipsSearch() throws Exception {
    manifest(directory, "rw-r--r--");
    Path other = Files.createDirectories(directory.resolve("other"));
    Path named = Files.writeString(other.resolve("prod.toml"), "");

    assertEquals(Optional.of(named), ManifestDiscovery.find(Optional.of(named), directory));
  }

  @Test
  void manifestWritableByOthersIsRejected() throws Exception {
    Path file = manifest(directory, "rw-rw-rw-");

    KeyrunException e =
        assertThrows(
            KeyrunException.class, () -> ManifestDiscovery.find(Optional.empty(), directory));

    assertEquals(file.toString(), e.subject());
    assertEquals("is writable by others (mode 0666)", e.problem());
    assertTrue(e.hint().startsWith("chmod o-w "), e.hint());
  }

  @Test
  void namedManifestWritableByOthersIsRejected() throws Exception {
    Path file = manifest(directory, "rw-r--rw-");

    KeyrunException e =
        assertThrows(
            KeyrunException.class, () -> ManifestDiscovery.find(Optional.of(file), directory));

    assertEquals("is writable by others (mode 0646)", e.problem());
  }

  @Test
  void directoryNamedLikeManifestIsRejected() throws Exception {
    Files.createDirectories(directory.resolve("keyrun.toml"));

    KeyrunException e =
        assertThrows(
            KeyrunException.class, () -> ManifestDiscovery.find(Optional.empty(), directory));

    assertEquals("is not a regular file", e.problem());
  }

  @Test
  void missingNamedManifestIsReported() {
    Path missing = directory.resolve("nope.toml");

    KeyrunException e =
        assertThrows(
            KeyrunException.class, () -> ManifestDiscovery.find(Optional.of(missing), directory));

    assertEquals("no such file", e.problem());
  }
}
