package dev.keyrun.inventory;

import dev.keyrun.backend.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consumers of one store entry, from the inventory: the projects, each with its keys and
 * whether its file still mentions the reference, and the systemd units.
 *
 * @param reference the reference as written in the files
 * @param rotated the day {@code keyrun rotate} last replaced the value, if it did
 */
public record Consumers(
    String reference, Optional<String> rotated, List<Project> projects, List<Unit> units) {

  /** The state of a project's file, checked when the consumers are listed. */
  public enum FileState {
    /** The file exists and contains the reference. */
    PRESENT,
    /** The file does not exist any more. */
    GONE,
    /** The file exists but no longer contains the reference. */
    NOT_MENTIONED,
    /** The file exists but cannot be read. */
    UNREADABLE
  }

  /** A file that declares keys with the reference. */
  public record Project(
      String path, List<String> keys, String firstSeen, String lastSeen, FileState state) {}

  /** A systemd service that ran keyrun with the reference. */
  public record Unit(SystemdUnit unit, List<String> keys, String firstSeen, String lastSeen) {}

  /** Collects the consumers of {@code reference}, reading each project's file once. */
  public static Consumers of(Inventory inventory, String reference) {
    Map<String, Span> projects = new LinkedHashMap<>();
    Map<SystemdUnit, Span> units = new LinkedHashMap<>();
    for (Use use : inventory.usesOf(reference)) {
      if (use.project() != null) {
        projects.computeIfAbsent(use.project(), p -> new Span()).add(use);
      }
      if (use.unit() != null) {
        units.computeIfAbsent(use.unit(), u -> new Span()).add(use);
      }
    }

    List<Project> projectList = new ArrayList<>();
    projects.forEach(
        (path, span) ->
            projectList.add(
                new Project(path, span.keys, span.first, span.last, stateOf(path, reference))));
    List<Unit> unitList = new ArrayList<>();
    units.forEach((unit, span) -> unitList.add(new Unit(unit, span.keys, span.first, span.last)));
    return new Consumers(reference, inventory.rotated(reference), projectList, unitList);
  }

  /** Returns the systemd units among the consumers. */
  public List<SystemdUnit> systemdUnits() {
    List<SystemdUnit> found = new ArrayList<>();
    units.forEach(unit -> found.add(unit.unit()));
    return found;
  }

  static FileState stateOf(String path, String reference) {
    Path file = Path.of(path);
    byte[] content;
    try {
      content = BoundedRead.readRegular(file);
    } catch (NoSuchFileException e) {
      return FileState.GONE;
    } catch (IOException e) {
      return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? FileState.UNREADABLE : FileState.GONE;
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return mentions(text, reference) ? FileState.PRESENT : FileState.NOT_MENTIONED;
  }

  /**
   * Tells whether {@code text} holds {@code reference} as a whole word: not as the start of a
   * longer reference such as {@code dotenv:API_KEY_V2} for {@code dotenv:API_KEY}. A reference in a
   * comment still counts.
   */
  static boolean mentions(String text, String reference) {
    int from = 0;
    while (true) {
      int at = text.indexOf(reference, from);
      if (at < 0) {
        return false;
      }
      int end = at + reference.length();
      boolean startsWord = at == 0 || !partOfWord(text.charAt(at - 1), "_-./:");
      boolean endsWord = end == text.length() || !partOfWord(text.charAt(end), "_-./#?%~=&:@+");
      if (startsWord && endsWord) {
        return true;
      }
      from = at + 1;
    }
  }

  private static boolean partOfWord(char c, String punctuation) {
    return Character.isLetterOrDigit(c) || punctuation.indexOf(c) >= 0;
  }

  /** The keys and the first and last days of the uses of one project or unit. */
  private static final class Span {
    private final List<String> keys = new ArrayList<>();
    private String first;
    private String last;

    void add(Use use) {
      if (!keys.contains(use.key())) {
        keys.add(use.key());
      }
      if (first == null || use.firstSeen().compareTo(first) < 0) {
        first = use.firstSeen();
      }
      if (last == null || use.lastSeen().compareTo(last) > 0) {
        last = use.lastSeen();
      }
    }
  }
}
