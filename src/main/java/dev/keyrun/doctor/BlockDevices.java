package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds out from sysfs whether a mount's block device has a dm-crypt layer. A device-mapper device
 * has {@code dm/uuid} in its sysfs directory: {@code CRYPT-LUKS2-...}, {@code CRYPT-LUKS1-...} or
 * {@code CRYPT-PLAIN-...} for dm-crypt (but {@code CRYPT-VERITY-...} for dm-verity, which does not
 * encrypt), {@code LVM-...} for LVM. The devices below one are linked from its {@code slaves/}
 * directory, so the walk goes down through LVM, RAID and other layers until it meets a crypt layer
 * or a device with nothing below it.
 */
final class BlockDevices {
  /** Filesystem types whose data stays in memory. */
  private static final Set<String> MEMORY = Set.of("tmpfs", "ramfs");

  /** Filesystem types that stack on other filesystems, as container runtimes use them. */
  private static final Set<String> OVERLAY = Set.of("overlay", "aufs", "fuse.fuse-overlayfs");

  /** Filesystem types whose data is stored on another machine. */
  private static final Set<String> NETWORK =
      Set.of(
          "nfs",
          "nfs4",
          "cifs",
          "smb3",
          "smbfs",
          "9p",
          "virtiofs",
          "ceph",
          "glusterfs",
          "fuse.sshfs",
          "fuse.rclone");

  /**
   * Types after {@code CRYPT-} in a dm uuid for layers that check data but do not encrypt it:
   * dm-verity, dm-integrity, and the integrity layer below a LUKS2 device with authenticated
   * encryption.
   *
   * <p>NOTE: these names were not checked against cryptsetup's source, and a type missing here
   * counts as encryption.
   */
  private static final Set<String> UNENCRYPTED_CRYPTSETUP_TYPES =
      Set.of("VERITY", "INTEGRITY", "SUBDEV");

  /** Guards against a cycle of slaves links in a broken or crafted tree. */
  private static final int MAX_DEPTH = 16;

  private final Host host;

  BlockDevices(Host host) {
    this.host = host;
  }

  /** Returns whether the data of {@code mount} reaches a disk encrypted. */
  Encryption of(MountTable.Mount mount) {
    String type = mount.type();
    if (MEMORY.contains(type)) {
      return new Encryption(Encryption.State.IN_MEMORY, type);
    }
    if (OVERLAY.contains(type)) {
      return Encryption.unknown(
          "an " + type + " filesystem, as in a container: the host decides where its data lives");
    }
    if (NETWORK.contains(type)) {
      return Encryption.unknown("a " + type + " filesystem, stored on another machine");
    }
    if (type.equals("zfs")) {
      return Encryption.unknown("ZFS, whose own encryption sysfs does not show");
    }

    Optional<Path> device = deviceDirectory(mount);
    if (device.isEmpty()) {
      return Encryption.unknown(
          "a " + type + " filesystem from " + mount.source() + ", with no block device in sysfs");
    }
    return walk(device.get(), 0);
  }

  private Optional<Path> deviceDirectory(MountTable.Mount mount) {
    if (!mount.device().startsWith("0:")) {
      return realPath(host.system("/sys/dev/block/" + mount.device()));
    }
    // btrfs, among others, reports an anonymous 0:N device, so the source names the device.
    if (!mount.source().startsWith("/dev/")) {
      return Optional.empty();
    }
    Optional<Path> node = realPath(host.system(mount.source()));
    String name = node.map(p -> p.getFileName().toString()).orElse("");
    if (name.isEmpty() && mount.source().startsWith("/dev/mapper/")) {
      return mapperDevice(mount.source().substring("/dev/mapper/".length()));
    }
    if (name.isEmpty()) {
      name = Path.of(mount.source()).getFileName().toString();
    }
    return realPath(host.system("/sys/class/block/" + name));
  }

  /** Returns the directory of the dm device named {@code name}, from {@code /sys/block/*}. */
  private Optional<Path> mapperDevice(String name) {
    try (DirectoryStream<Path> devices = Files.newDirectoryStream(host.system("/sys/block"))) {
      for (Path device : devices) {
        if (read(device.resolve("dm/name")).equals(name)) {
          return realPath(device);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Encryption walk(Path device, int depth) {
    String uuid = read(device.resolve("dm/uuid"));
    String[] parts = uuid.split("-");
    String type = parts.length > 1 ? parts[1] : "";
    if (parts[0].equals("CRYPT") && !UNENCRYPTED_CRYPTSETUP_TYPES.contains(type)) {
      return Encryption.encrypted(type.isEmpty() ? "dm-crypt" : "dm-crypt " + type);
    }

    List<Path> below = slaves(device);
    if (below.isEmpty() && device.getFileName().toString().startsWith("loop")) {
      return Encryption.unknown(
          deviceName(device) + ", a loop device whose backing file doctor does not follow");
    }
    if (below.isEmpty() || depth >= MAX_DEPTH) {
      return Encryption.notEncrypted(deviceName(device));
    }

    Encryption result = null;
    for (Path slave : below) {
      Encryption layer = walk(slave, depth + 1);
      if (layer.state() == Encryption.State.NOT_ENCRYPTED) {
        return layer;
      }
      if (result == null || layer.state() == Encryption.State.UNKNOWN) {
        result = layer;
      }
    }
    return result;
  }

  private static List<Path> slaves(Path device) {
    List<Path> slaves = new ArrayList<>();
    Path directory = device.resolve("slaves");
    if (!Files.isDirectory(directory)) {
      return slaves;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        realPath(entry).ifPresent(slaves::add);
      }
    } catch (IOException e) {
      return List.of();
    }
    slaves.sort(null);
    return slaves;
  }

  /** Returns {@code /dev/mapper/NAME} for a dm device, else {@code /dev/NAME}. */
  private static String deviceName(Path device) {
    String mapped = read(device.resolve("dm/name"));
    return mapped.isEmpty() ? "/dev/" + device.getFileName() : "/dev/mapper/" + mapped;
  }

  private static Optional<Path> realPath(Path path) {
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Returns the stripped content of a small sysfs attribute, or empty when it cannot be read. */
  private static String read(Path attribute) {
    try {
      return TextFile.readRegular(attribute).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
