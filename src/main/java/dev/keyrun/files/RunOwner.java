package dev.keyrun.files;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.keyrun.launch.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyrun process that owns a run directory, identified by its pid and start time. The start
 * time distinguishes the owner from a later process that reuses its pid, so such a process does not
 * keep a killed keyrun's directory alive.
 *
 * <p>A run directory is named {@code run-<pid>-<starttime>-<random>}. The start time is field 22 of
 * {@code /proc/<pid>/stat} (in clock ticks since boot) on Linux, and 0 elsewhere.
 */
final class RunOwner {
  private static final Pattern DIRECTORY_NAME =
      Pattern.compile("run-([1-9][0-9]{0,9})-([0-9]{1,18})-([0-9a-f]{16})");

  private static final Pattern RECORD = Pattern.compile("([1-9][0-9]{0,9}) ([0-9]{1,18})");

  private static final Path PROC = Path.of("/proc");

  /** Index of the start time (field 22) among the fields after the command name (field 3 on). */
  private static final int START_TIME_INDEX = 22 - 3;

  private static final int ESRCH = 3;

  private final long pid;
  private final long startTime;

  RunOwner(long pid, long startTime) {
    this.pid = pid;
    this.startTime = startTime;
  }

  /**
   * Returns the owner record of this process. Its start time is 0 where {@code /proc} does not
   * provide it, and then {@link #isRunning} checks the pid alone.
   */
  static RunOwner current() {
    long pid = Posix.pid();
    try {
      return new RunOwner(pid, startTime(pid).orElse(0));
    } catch (IllegalStateException e) {
      return new RunOwner(pid, 0);
    }
  }

  /** Returns the owner record of process {@code pid}, with its start time where known. */
  static RunOwner of(long pid) {
    try {
      return new RunOwner(pid, startTime(pid).orElse(0));
    } catch (IllegalStateException e) {
      return new RunOwner(pid, 0);
    }
  }

  /** Returns the text of a command record: the pid and the start time. */
  String record() {
    return pid + " " + startTime + "\n";
  }

  /** Parses the text of a command record, or returns empty when it is malformed. */
  static Optional<RunOwner> fromRecord(String text) {
    Matcher matcher = RECORD.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new RunOwner(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
  }

  /** Parses a run directory name, or returns empty for any other name. */
  static Optional<RunOwner> fromDirectoryName(String name) {
    Matcher matcher = DIRECTORY_NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(matcher.group(1));
    if (pid > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new RunOwner(pid, Long.parseLong(matcher.group(2))));
  }

  /** Returns the run directory name for this owner, made unique by {@code random}. */
  String directoryName(String random) {
    return "run-" + pid + "-" + startTime + "-" + random;
  }

  /**
   * Tells whether the owner still runs. On Linux that means {@code /proc/<pid>} exists with the
   * recorded start time. Elsewhere, and for a start time of 0, {@code kill(pid, 0)} must not fail
   * with ESRCH. When in doubt (a stat file that cannot be read) the owner counts as running.
   *
   * <p>NOTE: a keyrun in another PID namespace that shares the base directory looks gone.
   */
  boolean isRunning() {
    if (startTime != 0 && Files.isDirectory(PROC.resolve("self"))) {
      try {
        return startTime(pid).orElse(-1) == startTime;
      } catch (IllegalStateException e) {
        return true;
      }
    }
    return signalZeroFindsProcess();
  }

  private boolean signalZeroFindsProcess() {
    if (LibC.INSTANCE.kill((int) pid, 0) == 0) {
      return true;
    }
    return Native.getLastError() != ESRCH;
  }

  /**
   * Returns the start time of process {@code pid} from {@code /proc/<pid>/stat}, or empty when the
   * process does not exist, has ended (a zombie), or the system has no {@code /proc}.
   *
   * @throws IllegalStateException when the stat file exists but cannot be read or parsed
   */
  static OptionalLong startTime(long pid) {
    if (!Platform.isLinux()) {
      return OptionalLong.empty();
    }
    String stat;
    try {
      stat =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e.getMessage(), e);
    }

    // The command name in field 2 is in parentheses and may itself contain ")" and spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
    if (fields[0].equals("Z") || fields[0].equals("X")) {
      // A zombie has ended; only its parent has not collected its exit status yet.
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(fields[START_TIME_INDEX]));
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("unexpected format of /proc/" + pid + "/stat", e);
    }
  }

  long pid() {
    return pid;
  }

  long startTime() {
    return startTime;
  }
}
