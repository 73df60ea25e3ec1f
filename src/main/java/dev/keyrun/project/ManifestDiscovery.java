package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.PrivateFile;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/**
 * Finds the project manifest: the file {@code --manifest} names, else the first {@code keyrun.toml}
 * in the working directory or one of its parents, up to the file system root, as git finds its
 * repository.
 *
 * <p>A manifest decides which secrets a command receives and under which names, so a user who can
 * write it can point a variable such as {@code LD_PRELOAD} at a file of their choice. keyrun
 * therefore rejects a manifest that others may write, and a discovered one that belongs neither to
 * the user nor to root, such as a {@code /tmp/keyrun.toml} another user planted above a working
 * directory. A manifest named with {@code --manifest} may belong to anyone.
 */
public final class ManifestDiscovery {
  public static final String FILE_NAME = "keyrun.toml";

  private ManifestDiscovery() {}

  /** Returns the manifest to use, or empty when none is named or found. */
  public static Optional<Path> find(Optional<Path> named, Path workingDirectory) {
    if (named.isPresent()) {
      Path file = named.get();
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw KeyrunException.failed(file.toString(), "no such file", "check the --manifest path");
      }
      check(file, false);
      return named;
    }

    for (Path directory = workingDirectory.toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve(FILE_NAME);
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        check(candidate, true);
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void check(Path file, boolean discovered) {
    PosixFileAttributes attributes;
    int owner;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class);
      owner = (Integer) Files.getAttribute(file, "unix:uid");
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(
          file.toString(), "is a symbolic link to a missing file", "fix or remove the link");
    } catch (IOException | UnsupportedOperationException e) {
      throw KeyrunException.failed(
          file.toString(), "cannot check its owner and mode: " + e.getMessage(), null);
    }

    if (!attributes.isRegularFile()) {
      throw KeyrunException.failed(
          file.toString(), "is not a regular file", "a manifest is a TOML file");
    }
    if (attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      throw KeyrunException.failed(
          file.toString(),
          "is writable by others (mode " + PrivateFile.octal(attributes.permissions()) + ")",
          "chmod o-w " + file + "; anyone who can write it chooses what your command receives");
    }
    int user = Posix.effectiveUid();
    if (discovered && owner != user && owner != 0) {
      throw KeyrunException.failed(
          file.toString(),
          "is owned by uid " + owner + ", neither by you (uid " + user + ") nor by root",
          "if you trust it, name it with --manifest " + file + "; else run elsewhere");
    }
  }
}
