package dev.keyrun.init;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BoundedRead;
import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.files.Failures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code keyrun init}: writes a starter {@code keyrun.toml} in a directory, optionally declaring
 * the keys of an env file. It never reads a value into the manifest and never prints one.
 */
public final class InitService {
  public static final String MANIFEST = "keyrun.toml";

  private final PrintStream stderr;

  public InitService(PrintStream stderr) {
    this.stderr = stderr;
  }

  /**
   * Writes {@code directory/keyrun.toml}.
   *
   * @param from the env file to take keys from, or null
   * @param force whether to replace an existing manifest
   */
  public int init(Path directory, Path from, boolean force) {
    Path manifest = directory.resolve(MANIFEST);
    List<DotenvEntry> entries = from == null ? List.of() : entries(from);
    if (!force && Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
      throw KeyrunException.failed(
          manifest.toString(), "already exists, so nothing was written", "replace it with --force");
    }

    String name = directory.toAbsolutePath().normalize().getFileName().toString();
    ManifestDraft.Result draft =
        ManifestDraft.draft(name, from == null ? null : from.toString(), entries);
    write(manifest, draft.text().getBytes(UTF_8));

    report(manifest, from, draft);
    return 0;
  }

  private static List<DotenvEntry> entries(Path file) {
    try {
      return DotenvParser.parse(file.toString(), BoundedRead.readRegular(file));
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the path of --from", e);
    } catch (IOException e) {
      throw KeyrunException.failed(
          file.toString(), "cannot read it: " + Failures.reason(e), "name an env file", e);
    } catch (DotenvSyntaxException e) {
      throw KeyrunException.failed(
          e.source() + ":" + e.line(), e.displayReason(), "fix that line, then run init again", e);
    }
  }

  /** Writes through a temporary file renamed over the manifest, so no reader sees half a file. */
  private static void write(Path manifest, byte[] content) {
    Path directory = manifest.toAbsolutePath().getParent();
    Path temporary = null;
    try {
      temporary = Files.createTempFile(directory, "." + MANIFEST + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      // A manifest holds references only, so others may read it like any project file.
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(
          temporary, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw KeyrunException.failed(manifest.toString(), "already exists", "use --force", e);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw KeyrunException.failed(
          manifest.toString(), "cannot write it: " + e.getMessage(), null, e);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // The temporary file holds references only; a leftover is harmless.
    }
  }

  /** Tells whether {@code from} is the .env next to the manifest, which runs read by default. */
  private static boolean isDefaultEnvFile(Path manifest, Path from) {
    Path directory = manifest.toAbsolutePath().normalize().getParent();
    return from.toAbsolutePath().normalize().equals(directory.resolve(".env"));
  }

  private void report(Path manifest, Path from, ManifestDraft.Result draft) {
    stderr.println(
        "keyrun: wrote "
            + manifest
            + (from == null
                ? ", a commented example to fill in"
                : " with " + draft.keys() + " keys from " + from));
    if (draft.plainValues() > 0) {
      stderr.println(
          "keyrun: next: "
              + draft.plainValues()
              + " of them are plain values in "
              + from
              + "; move them into the dotenv store with: keyrun import "
              + from
              + " --to dotenv --apply");
    }
    if (from != null && isDefaultEnvFile(manifest, from)) {
      stderr.println(
          "keyrun: next: runs here now read "
              + MANIFEST
              + " instead of .env; add --env-file .env to read both");
    }
    stderr.println("keyrun: next: review " + MANIFEST + ", then commit it with the project");
  }
}
