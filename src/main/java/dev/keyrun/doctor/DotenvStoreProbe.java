package dev.keyrun.doctor;

import dev.keyrun.backend.DotenvStore;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks the default dotenv store file ({@code dotenv.store} or {@code KEYRUN_DOTENV_STORE}, else
 * {@code ~/.config/keyrun/secrets.env}) the way keyrun checks it before reading: a regular file,
 * not a symbolic link, owned by the user, with no permission for group or others. The file is not
 * opened.
 */
final class DotenvStoreProbe {
  private static final String STORE = "dotenv store";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private DotenvStoreProbe() {}

  static Finding probe(Host host, StoreContext context) {
    Path file = DotenvStore.defaultFile(context);
    String name = host.display(file);
    String store = STORE + " " + name;
    PosixFileAttributes attributes;
    int owner;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return StoresCheck.finding(
          Status.OK, store, "not created yet; keyrun set dotenv:NAME creates it", "");
    } catch (IOException e) {
      return StoresCheck.cannotUse(store, "cannot read its attributes: " + e.getMessage(), "");
    }

    if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
      return StoresCheck.cannotUse(
          store,
          "not a regular file, and keyrun reads a store only from one",
          "replace it with a regular file of mode 600, or set dotenv.store to one");
    }
    int user = Posix.effectiveUid();
    if (owner != user) {
      return StoresCheck.finding(
          Status.FAIL,
          store,
          "owned by uid " + owner + ", not by you (uid " + user + "), so its owner can change it",
          "create your own store file, or chown it to yourself and chmod 600 " + name);
    }

    Set<PosixFilePermission> permissions = attributes.permissions();
    String access = EnvPermissionsCheck.access(permissions);
    String mode = "mode " + EnvPermissionsCheck.mode(permissions);
    if (!access.isEmpty()) {
      return StoresCheck.finding(
          Status.FAIL, store, access + " (" + mode + ")", "chmod 600 " + name);
    }
    if (!OWNER_ONLY.containsAll(permissions)) {
      return StoresCheck.cannotUse(
          store,
          "group or others may execute it (" + mode + "), and keyrun reads only private files",
          "chmod 600 " + name);
    }
    return StoresCheck.usable(store, "a private file (" + mode + ")");
  }
}
