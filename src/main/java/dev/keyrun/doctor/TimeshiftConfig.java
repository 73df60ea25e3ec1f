package dev.keyrun.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads Timeshift's {@code timeshift.json}. In rsync mode Timeshift copies the whole root
 * filesystem through the rsync rules of its {@code exclude} list, where {@code + PATTERN} includes.
 * In btrfs mode it snapshots the {@code @} subvolume, and {@code @home} only when {@code
 * include_btrfs_home_for_backup} is true.
 */
final class TimeshiftConfig {
  /**
   * Excludes that Timeshift adds after the user's rules, as its Main.vala builds the list in
   * create_exclude_list_for_backup: home directories are left out unless a user rule includes them.
   *
   * <p>NOTE: Timeshift's other defaults (/tmp, /mnt, /media, caches, and the home directories of
   * users outside /home) are not applied, so a project there is reported as backed up.
   */
  private static final String[] DEFAULT_EXCLUDES = {"/home/*/**", "/root/**"};

  private TimeshiftConfig() {}

  static BackupPlan read(Path file) throws IOException {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(TextFile.readRegular(file));
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
