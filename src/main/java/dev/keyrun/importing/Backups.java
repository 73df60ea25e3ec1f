package dev.keyrun.importing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.backend.PrivateFileWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The copies of env files that {@code keyrun import} takes before it changes them, in {@code
 * $XDG_STATE_HOME/keyrun/backups} (default {@code ~/.local/state/keyrun/backups}): a directory of
 * mode 700 outside the project, so a backup full of plaintext is never committed with it.
 *
 * <p>A backup is named {@code NAME.HASH.TIME}, where NAME is the file's name without leading dots
 * (so the backup of {@code .env} is not hidden), HASH identifies its absolute path, and TIME is
 * when the backup was taken (UTC). Each backup has mode 600.
 */
final class Backups {
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;

  Backups(Path directory) {
    this.directory = directory;
  }

  /** Returns the backups of the user whose state directory is {@code stateHome}. */
  static Backups in(Path stateHome) {
    return new Backups(stateHome.resolve("keyrun").resolve("backups"));
  }

  Path directory() {
    return directory;
  }

  /**
   * Writes {@code content} as a new backup of {@code file} and returns its path. An earlier backup
   * is never replaced.
   *
   * @throws IOException when the directory or the backup cannot be written, or the directory grants
   *     access to others
   */
  Path create(Path file, byte[] content, Instant now) throws IOException {
    Path prefix = directory.resolve(prefix(file) + TIME.format(now));
    Path backup = prefix;
    for (int i = 2; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); i++) {
      backup = Path.of(prefix + "." + i);
    }

    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
    requirePrivateDirectory();
    if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(backup.toString());
    }
    PrivateFileWriter.write(backup, content, PrivateFileWriter.FILE_MODE);
    return backup;
  }

  /** Returns the backups of {@code file}, oldest first. */
  List<Path> of(Path file) throws IOException {
    List<Path> backups = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return backups;
    }
    String prefix = prefix(file);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().startsWith(prefix)) {
          backups.add(entry);
        }
      }
    }
    backups.sort(null);
    return backups;
  }

  /**
   * Checks that the backups directory, or the directory its symbolic link points to, belongs to the
   * user and grants no access to others.
   */
  private void requirePrivateDirectory() throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
    Path target = directory.toRealPath();
    Set<PosixFilePermission> mode = attributes.permissions();
    if (!DIRECTORY_MODE.containsAll(mode)) {
      throw new IOException(
          target
              + " is accessible to other users (mode "
              + PosixFilePermissions.toString(mode)
              + "); run: chmod 700 "
              + target);
    }

    UserPrincipal user;
    try {
      user =
          directory
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (UserPrincipalNotFoundException e) {
      // NOTE: without a user database entry for the user, the owner is not checked.
      return;
    }
    if (!attributes.owner().equals(user)) {
      throw new IOException(
          target
              + " belongs to "
              + attributes.owner().getName()
              + ", not to you; use a directory of your own for XDG_STATE_HOME");
    }
  }

  /** Returns {@code NAME.HASH.}, which starts the name of every backup of {@code file}. */
  private static String prefix(Path file) {
    String path = file.toAbsolutePath().normalize().toString();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(UTF_8));
      String name = file.getFileName().toString().replaceFirst("^\\.+", "");
      return name + "." + HexFormat.of().formatHex(digest, 0, 6) + ".";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
