package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the files the disk-encryption check reads under a test's root directory, laid out as the
 * kernel lays them out: {@code /proc/self/mountinfo}, device directories under {@code
 * /sys/devices}, {@code /sys/dev/block/MAJ:MIN} and {@code /sys/block/NAME} links, and {@code
 * slaves/} links between layers.
 */
public final class FakeSysfs {
  private static final String DISKS =
      "sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block";
  private static final String VIRTUAL = "sys/devices/virtual/block";

  private final Path root;
  private final StringBuilder mountinfo = new StringBuilder();
  private int mountId = 20;

  public FakeSysfs(Path root) {
    this.root = root;
  }

  /** Adds a mountinfo line for {@code mountPoint}, as the kernel writes it. */
  public FakeSysfs mount(String device, String mountPoint, String type, String source)
      throws IOException {
    mountId++;
    mountinfo.append(
        String.format(
            "%d 1 %s / %s rw,relatime shared:%d - %s %s rw%n",
            mountId, device, mountPoint.replace(" ", "\\040"), mountId, type, source));
    Path file = root.resolve("proc/self/mountinfo");
    Files.createDirectories(file.getParent());
    Files.writeString(file, mountinfo.toString());
    return this;
  }

  /** Creates the partition {@code /dev/DISKN} with device number {@code device}. */
  public Path partition(String disk, String name, String device) throws IOException {
    Path directory = Files.createDirectories(root.resolve(DISKS).resolve(disk).resolve(name));
    Files.writeString(directory.resolve("dev"), device + "\n");
    link(device, name, directory, false);
    return directory;
  }

  /**
   * Creates the device-mapper device {@code dm-N} named {@code name} with {@code uuid}, on top of
   * the {@code below} device directories.
   */
  public Path mapper(int number, String name, String uuid, Path... below) throws IOException {
    String device = "253:" + number;
    Path directory = Files.createDirectories(root.resolve(VIRTUAL).resolve("dm-" + number));
    Files.createDirectories(directory.resolve("dm"));
    Files.writeString(directory.resolve("dm/name"), name + "\n");
    Files.writeString(directory.resolve("dm/uuid"), uuid + "\n");
    Files.writeString(directory.resolve("dev"), device + "\n");
    Path slaves = Files.createDirectories(directory.resolve("slaves"));
    for (Path slave : below) {
      Files.createSymbolicLink(slaves.resolve(slave.getFileName()), slaves.relativize(slave));
      Path holders = Files.createDirectories(slave.resolve("holders"));
      Files.createSymbolicLink(holders.resolve("dm-" + number), holders.relativize(directory));
    }
    link(device, "dm-" + number, directory, true);
    return directory;
  }

  /** Links the device from /sys/dev/block, /sys/class/block and, for whole devices, /sys/block. */
  private void link(String device, String name, Path directory, boolean whole) throws IOException {
    Path numbers = Files.createDirectories(root.resolve("sys/dev/block"));
    Files.createSymbolicLink(numbers.resolve(device), numbers.relativize(directory));
    if (whole) {
      Path names = Files.createDirectories(root.resolve("sys/block"));
      Files.createSymbolicLink(names.resolve(name), names.relativize(directory));
    }
    Path classes = Files.createDirectories(root.resolve("sys/class/block"));
    Files.createSymbolicLink(classes.resolve(name), classes.relativize(directory));
  }
}
