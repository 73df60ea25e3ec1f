package dev.keyrun.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads Timeshift's {@code timeshift.json}. In rsync mode Timeshift copies the whole root
 * filesystem through the rsync rules of its {@code exclude} list, where {@code + PATTERN} includes;
 * in btrfs mode it snapshots the {@code @} subvolume, and {@code @home} only when {@code
 * include_btrfs_home_for_backup} is true.
 */
final class TimeshiftConfig {
  /**
   * Excludes that Timeshift applies after the user's rules: home directories and root's home are
   * left out unless a rule includes them.
   *
   * <p>NOTE: taken from Timeshift's documented default (user data excluded); its full default list
   * (/tmp, /mnt, /media, caches ...) is not applied, so a project there is reported as backed up.
   */
  private static final String[] DEFAULT_EXCLUDES = {"/home/*/**", "/root/**"};

  private TimeshiftConfig() {}

  static BackupPlan read(Path file) throws IOException {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (config == null || !config.isObject()) {
      throw new IOException("not a JSON object");
    }

    if (config.path("btrfs_mode").asText("false").equals("true")) {
      boolean home = config.path("include_btrfs_home_for_backup").asText("false").equals("true");
      return new BackupPlan("Timeshift", file, target -> home || !target.startsWith("/home"));
    }

    RsyncFilter filter = new RsyncFilter();
    for (JsonNode entry : config.path("exclude")) {
      String rule = entry.asText("");
      if (rule.startsWith("+ ")) {
        filter.add(true, rule.substring(2).strip());
      } else if (!rule.isBlank()) {
        filter.add(false, rule.replaceFirst("^- ", "").strip());
      }
    }
    for (String pattern : DEFAULT_EXCLUDES) {
      filter.add(false, pattern);
    }
    return new BackupPlan("Timeshift", file, target -> filter.transfers(Path.of("/"), target));
  }
}
