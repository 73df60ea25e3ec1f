package dev.keyrun.terminal;

import com.pty4j.util.PtyUtil;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import dev.keyrun.KeyrunException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares pty4j 0.13.4 for use inside keyrun, and turns its loading failures into messages.
 *
 * <p>Native library: pty4j loads {@code libpty} from the folder in the system property {@code
 * pty4j.preferred.native.folder} (laid out as {@code linux/x86-64/libpty.so}, {@code
 * darwin/libpty.dylib} and so on), which scripts/install.sh fills and the installed launcher sets.
 * Without that property pty4j extracts the library on first use into a new directory {@code
 * pty4j-<os>-<arch>-<random>} under {@code java.io.tmpdir}, and never deletes it, because it marks
 * only the directory, which is not empty at exit, for deletion. keyrun deletes that directory once
 * the library is loaded. If the directory cannot be created (an unwritable or full temporary
 * folder), the session fails with a message that names the folder.
 *
 * <p>Logging: pty4j logs through slf4j, at error level with a stack trace when a library fails to
 * load. keyrun reports that failure in one line itself, so pty4j's loggers stay off unless keyrun
 * logs at debug level.
 */
final class PtyLibrary {
  private static final String FOLDER_PROPERTY = "pty4j.preferred.native.folder";
  private static final String TEMPORARY_FOLDER_PROPERTY = "pty4j.tmpdir";
  private static final String PTY4J_LOG_LEVEL = "org.slf4j.simpleLogger.log.com.pty4j";
  private static final String DEFAULT_LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String HINT_NO_MASK =
      "run with --no-mask to run the command without a pseudo-terminal";

  private static boolean prepared;

  private PtyLibrary() {}

  /** Must run before the first pty4j class loads. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    quietLogging();
    if (Platform.isLinux()) {
      addUtilSearchPath();
    }
  }

  private static void quietLogging() {
    if (System.getProperty(PTY4J_LOG_LEVEL) != null) {
      return;
    }
    String level = System.getProperty(DEFAULT_LOG_LEVEL, "");
    boolean debug = level.equals("debug") || level.equals("trace");
    System.setProperty(PTY4J_LOG_LEVEL, debug ? level : "off");
  }

  /**
   * Lets JNA find {@code libutil.so.1}, which pty4j loads by the name "util" on Linux. keyrun
   * empties JNA's system search path (see dev.keyrun.launch.Posix), and without it JNA finds only
   * {@code libutil.so}, which usually exists only where the C development files (libc6-dev on
   * Debian) are installed. Since glibc 2.34 libutil is an empty stub beside libc, so the folder of
   * the running libc contains it.
   */
  private static void addUtilSearchPath() {
    List<String> folders = new ArrayList<>();
    String libcFolder = runningLibcFolder();
    if (libcFolder != null) {
      folders.add(libcFolder);
    }
    folders.addAll(List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib"));
    for (String folder : folders) {
      NativeLibrary.addSearchPath("util", folder);
    }
  }

  /** Returns the folder of the libc.so.6 mapped into this process, or null if none is found. */
  private static String runningLibcFolder() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int start = line.indexOf('/');
        if (start >= 0 && line.endsWith("/libc.so.6")) {
          return Path.of(line.substring(start)).getParent().toString();
        }
      }
    } catch (IOException | RuntimeException e) {
      // The fixed folders remain.
    }
    return null;
  }

  /**
   * Deletes the directory that pty4j extracted its library into, if it made one for this JVM. A
   * library already loaded stays usable after its file is deleted.
   */
  static void deleteTemporaryCopy() {
    if (System.getProperty(FOLDER_PROPERTY) != null
        || System.getProperty(TEMPORARY_FOLDER_PROPERTY) != null) {
      return;
    }
    Path folder;
    try {
      folder = PtyUtil.resolveNativeFile("libpty.so").getParentFile().toPath();
    } catch (RuntimeException e) {
      return;
    }
    Path temporaryRoot = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    boolean madeByPty4j =
        folder.getFileName().toString().startsWith("pty4j-")
            && temporaryRoot.equals(folder.toAbsolutePath().getParent());
    if (madeByPty4j) {
      deleteFlatFolder(folder);
    }
  }

  private static void deleteFlatFolder(Path folder) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // The copy stays behind in the temporary folder (27 KB on Linux x86-64).
    }
  }

  /** Describes a failure to load pty4j's classes or native libraries. */
  static KeyrunException loadFailure(Throwable failure) {
    String folder = System.getProperty(FOLDER_PROPERTY);
    if (mentions(failure, "Cannot extract pty4j native")) {
      String temporaryRoot = System.getProperty("java.io.tmpdir");
      return KeyrunException.failed(
          "pseudo-terminal",
          "cannot extract pty4j's native library into " + temporaryRoot,
          "make " + temporaryRoot + " writable, or " + HINT_NO_MASK,
          failure);
    }
    String hint =
        folder != null
            ? "reinstall keyrun with scripts/install.sh, or " + HINT_NO_MASK
            : HINT_NO_MASK;
    String where = folder != null ? " from " + new File(folder).getAbsolutePath() : "";
    return KeyrunException.failed(
        "pseudo-terminal",
        "cannot load pty4j's native library" + where + ": " + firstLine(rootCause(failure)),
        hint,
        failure);
  }

  private static boolean mentions(Throwable failure, String text) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message).strip();
  }
}
