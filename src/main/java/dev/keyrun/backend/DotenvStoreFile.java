package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvExpander;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.DotenvValueEncoder;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.text.StrictUtf8;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes one key of a dotenv store file.
 *
 * <p>The file must pass the checks that reading it does, with the same messages: private to the
 * user, valid UTF-8 and free of syntax errors and undefined variables. An edit rewrites only the
 * lines of the key's assignments and keeps every other byte: comments, blank lines, other keys and
 * the line break style. The text left of the {@code =} of the first assignment is kept too, so
 * {@code export} stays, but a comment after the old value on the same line is dropped with it. The
 * new content replaces the file atomically through {@link PrivateFileWriter}.
 */
final class DotenvStoreFile {

  private final Path file;
  private final Set<PosixFilePermission> permissions;
  private final PhysicalLines lines;
  private final List<DotenvEntry> entries;

  private DotenvStoreFile(
      Path file, Set<PosixFilePermission> permissions, String text, List<DotenvEntry> entries) {
    this.file = file;
    this.permissions = permissions;
    this.lines = PhysicalLines.split(text);
    this.entries = entries;
  }

  /**
   * Assigns {@code value} to {@code key} and writes the file, creating it with mode 600 when it
   * does not exist. The first assignment of the key is replaced in place and any later ones are
   * removed, and a key without an assignment is appended at the end.
   */
  static void store(Path file, String key, Secret value) throws StoreException {
    String text = decode(file, key, value);
    try (StoreFileLock lock = StoreFileLock.acquire(file)) {
      storeLocked(file, key, text);
    }
  }

  private static void storeLocked(Path file, String key, String text) throws StoreException {
    DotenvStoreFile store = open(file);
    String encoded = DotenvValueEncoder.encode(text).replace("\n", store.lines.lineBreak());

    List<DotenvEntry> assignments = store.assignmentsOf(key);
    if (assignments.isEmpty()) {
      store.lines.append(key + "=" + encoded);
    } else {
      store.removeAll(assignments.subList(1, assignments.size()));
      DotenvEntry first = assignments.get(0);
      store.lines.replace(first.line(), first.endLine(), store.textBeforeValue(first) + encoded);
    }

    byte[] content = store.lines.join().getBytes(UTF_8);
    // Guards against an encoding bug: nothing is written unless the value reads back unchanged.
    ExpandedValue written = store.load(key, content).get(key);
    if (written == null || !written.plainText().equals(text)) {
      throw new IllegalStateException(key + " would not read back as written to " + file);
    }
    store.write(content);
  }

  /**
   * Removes every assignment of {@code key} and writes the file.
   *
   * @return false, without writing, when the file does not exist or does not assign the key
   */
  static boolean delete(Path file, String key) throws StoreException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (StoreFileLock lock = StoreFileLock.acquire(file)) {
      return deleteLocked(file, key);
    }
  }

  private static boolean deleteLocked(Path file, String key) throws StoreException {
    DotenvStoreFile store = open(file);
    List<DotenvEntry> assignments = store.assignmentsOf(key);
    if (assignments.isEmpty()) {
      return false;
    }

    store.removeAll(assignments);
    byte[] content = store.lines.join().getBytes(UTF_8);
    store.load(key, content);
    store.write(content);
    return true;
  }

  /** Checks that {@code file} is a private, readable store file, if it exists. */
  static void check(Path file) throws StoreException {
    open(file);
  }

  /** Reads and checks {@code file}, or returns an empty one of mode 600 when it does not exist. */
  private static DotenvStoreFile open(Path file) throws StoreException {
    byte[] content;
    Set<PosixFilePermission> permissions;
    try {
      content = PrivateFile.read(file);
      permissions = PrivateFile.check(file).permissions();
    } catch (NoSuchFileException e) {
      return new DotenvStoreFile(file, PrivateFileWriter.FILE_MODE, "", List.of());
    } catch (IOException e) {
      throw DotenvStore.readFailure(file, e);
    }

    DotenvStore.expand(file, content);
    String text = new String(content, UTF_8);
    return new DotenvStoreFile(file, permissions, text, DotenvParser.parse(file.toString(), text));
  }

  /**
   * Decodes the value as UTF-8 text. A .env file contains only text, and no environment variable
   * can contain a NUL character.
   */
  private static String decode(Path file, String key, Secret value) throws StoreException {
    String failure = "cannot store " + key + " in " + file + ": the value ";
    String hint =
        "a .env file contains only text, so encode binary values first, for example in base64";
    byte[] bytes = value.bytes();
    try {
      String text = StrictUtf8.decode(bytes).orElse(null);
      if (text == null) {
        throw new StoreException(failure + "is not valid UTF-8", hint);
      }
      if (text.indexOf('\0') >= 0) {
        throw new StoreException(failure + "contains a NUL byte", hint);
      }
      return text;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private List<DotenvEntry> assignmentsOf(String key) {
    List<DotenvEntry> assignments = new ArrayList<>();
    for (DotenvEntry entry : entries) {
      if (entry.key().equals(key)) {
        assignments.add(entry);
      }
    }
    return assignments;
  }

  /** Removes the lines of {@code assignments}, last first, so earlier line numbers stay valid. */
  private void removeAll(List<DotenvEntry> assignments) {
    for (int i = assignments.size() - 1; i >= 0; i--) {
      DotenvEntry assignment = assignments.get(i);
      lines.remove(assignment.line(), assignment.endLine());
    }
  }

  /** Returns the text up to and including the {@code =}, such as {@code export KEY=}. */
  private String textBeforeValue(DotenvEntry assignment) {
    String line = lines.text(assignment.line());
    return line.substring(0, line.indexOf('=') + 1);
  }

  /**
   * Loads the new content as the store will read it. Removing a key can leave a later {@code
   * ${KEY}} undefined, which would make the whole file unreadable, so such a change is rejected.
   */
  private Map<String, ExpandedValue> load(String key, byte[] content) throws StoreException {
    if (content.length > BoundedRead.MAX_BYTES) {
      throw new StoreException(
          "cannot change "
              + key
              + ": "
              + file
              + " would be larger than "
              + (BoundedRead.MAX_BYTES >> 20)
              + " MiB",
          "remove keys you no longer need, or keep this key in another store file");
    }

    try {
      return DotenvExpander.parseAndExpand(file.toString(), content, name -> null, text -> false);
    } catch (DotenvSyntaxException e) {
      throw new StoreException(
          "cannot change " + key + ": " + file + " would fail to load (" + e.displayReason() + ")",
          "first change or remove the lines that use ${" + key + "}",
          e);
    }
  }

  private void write(byte[] content) throws StoreException {
    try {
      if (!permissions.contains(PosixFilePermission.OWNER_WRITE)) {
        throw new StoreException(
            "cannot write "
                + file
                + ": permission denied (mode "
                + PrivateFile.octal(permissions)
                + ")",
            "chmod 600 " + file);
      }
      PrivateFileWriter.write(file, content, permissions);
    } catch (AccessDeniedException e) {
      Path directory = nearestExistingDirectory();
      throw new StoreException(
          "cannot write " + file + ": permission denied",
          "make sure you can create files in " + directory + " (chmod u+w " + directory + ")",
          e);
    } catch (IOException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage(), null, e);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Returns the file's directory, or its nearest existing ancestor when the directory is missing,
   * because that is where creating the missing directories failed.
   */
  private Path nearestExistingDirectory() {
    Path directory = file.toAbsolutePath().getParent();
    while (directory.getParent() != null && !Files.isDirectory(directory)) {
      directory = directory.getParent();
    }
    return directory;
  }
}
