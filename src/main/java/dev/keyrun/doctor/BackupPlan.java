package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The files that one backup tool's configuration copies, as far as doctor reads the configuration.
 *
 * @param tool the tool's name, such as {@code borgmatic}
 * @param config the configuration file that was read
 * @param backsUp returns whether the backup copies the file at an absolute path
 */
record BackupPlan(String tool, Path config, Predicate<Path> backsUp) {}
