package dev.keyrun.config;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BoundedRead;
import dev.keyrun.backend.PrivateFile;
import dev.keyrun.files.XdgBaseDirectory;
import dev.keyrun.launch.Posix;
import dev.keyrun.text.StrictUtf8;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;

/**
 * Locates and reads the user's config file. The file can point keyrun at other stores, so a file
 * that another user owns or may write is rejected. A symbolic link is followed, as dotfile managers
 * install config files as links, and the file it leads to is checked.
 */
final class ConfigFile {
  private ConfigFile() {}

  /**
   * Returns {@code $XDG_CONFIG_HOME/keyrun/config.toml}, or {@code ~/.config/keyrun/config.toml}
   * when XDG_CONFIG_HOME is unset or relative. The XDG Base Directory specification requires a
   * relative path there to be ignored as invalid.
   */
  static Path locate(Map<String, byte[]> environment, Path home) {
    return XdgBaseDirectory.CONFIG
        .resolve(environment, home)
        .resolve("keyrun")
        .resolve("config.toml");
  }

  /**
   * Returns the text of {@code file}, or empty when it does not exist.
   *
   * @throws KeyrunException when the file cannot be read, is not private enough to trust, or is not
   *     UTF-8
   */
  static Optional<ConfigText> read(Path file) {
    try {
      PosixFileAttributes before = check(file);
      byte[] content = BoundedRead.read(file);
      PosixFileAttributes after = check(file);
      if (!PrivateFile.sameFile(before, after)) {
        throw failure(file, "changed while it was read", "run keyrun again");
      }
      String text =
          StrictUtf8.decode(content)
              .orElseThrow(
                  () -> failure(file, "is not valid UTF-8", "save it as UTF-8, as TOML requires"));
      // Some editors start UTF-8 files with a byte order mark, which Jackson's TOML parser rejects.
      return Optional.of(
          new ConfigText(file, text.startsWith("\uFEFF") ? text.substring(1) : text));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      throw failure(file, "permission denied", "make it readable for yourself: chmod u+r " + file);
    } catch (IOException e) {
      throw KeyrunException.failed(
          file.toString(), "cannot read the config file: " + e.getMessage(), null, e);
    }
  }

  private static PosixFileAttributes check(Path file) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw failure(file, "is not a regular file", "replace it with a file, or remove it");
    }

    int owner = (Integer) Files.getAttribute(file, "unix:uid");
    int user = Posix.effectiveUid();
    if (owner != user) {
      throw failure(
          file,
          "is owned by uid " + owner + ", not by the current user (uid " + user + ")",
          "a config file can point keyrun at other stores, so only yours is read: chown it to"
              + " yourself, or remove it");
    }

    if (attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      throw failure(
          file,
          "is writable by other users (mode " + PrivateFile.octal(attributes.permissions()) + ")",
          "a config file can point keyrun at other stores: chmod o-w " + file);
    }
    return attributes;
  }

  private static KeyrunException failure(Path file, String problem, String hint) {
    return KeyrunException.failed(file.toString(), problem, hint);
  }
}
