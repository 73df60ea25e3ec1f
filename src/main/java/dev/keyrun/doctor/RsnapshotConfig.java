package dev.keyrun.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code backup}, {@code include} and {@code exclude} lines of {@code rsnapshot.conf},
 * whose fields are separated by tabs. Only local sources (absolute paths) are read, and only the
 * global rules: per-backup {@code exclude=} arguments, {@code include_file}, {@code exclude_file}
 * and {@code include_conf} are not.
 */
final class RsnapshotConfig {
  private RsnapshotConfig() {}

  static BackupPlan read(Path file) throws IOException {
    List<Path> sources = new ArrayList<>();
    List<String> includes = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    for (String line : TextFile.readRegular(file).lines().toList()) {
      String[] fields = line.split("\t+");
      if (fields.length < 2 || line.startsWith("#")) {
        continue;
      }
      String value = fields[1].strip();
      switch (fields[0]) {
        case "backup":
          if (value.startsWith("/")) {
            sources.add(Path.of(value));
          }
          break;
        case "include":
          includes.add(value);
          break;
        case "exclude":
          excludes.add(value);
          break;
        default:
          break;
      }
    }

    // rsnapshot passes the include rules to rsync before the exclude rules.
    RsyncFilter filter = new RsyncFilter();
    includes.forEach(pattern -> filter.add(true, pattern));
    excludes.forEach(pattern -> filter.add(false, pattern));
    return new BackupPlan(
        "rsnapshot",
        file,
        target -> sources.stream().anyMatch(source -> filter.transfers(source, target)));
  }
}
