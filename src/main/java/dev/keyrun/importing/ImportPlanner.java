package dev.keyrun.importing;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.Segment;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, from the parsed assignments of an env file, which values an import moves. Only a value
 * written entirely as plain text moves. A reference stays, and so does every value whose meaning
 * depends on something else: a {@code ${NAME}} expansion, a reference inside other text, or text
 * that a shell would run as a command.
 */
final class ImportPlanner {

  private ImportPlanner() {}

  /**
   * Plans every assignment of {@code entries}, in file order.
   *
   * @param referenceFor returns the reference under which the store keeps a key's value
   * @param keep the keys to leave in the file whatever their values, such as {@code LOG_LEVEL}
   */
  static List<PlannedKey> plan(
      List<DotenvEntry> entries, Function<String, Reference> referenceFor, Set<String> keep) {
    Map<String, Integer> counts = new HashMap<>();
    entries.forEach(entry -> counts.merge(entry.key(), 1, Integer::sum));

    List<PlannedKey> planned = new ArrayList<>();
    for (DotenvEntry entry : entries) {
      int count = counts.get(entry.key());
      if (keep.contains(entry.key())) {
        planned.add(PlannedKey.kept(entry));
      } else if (count > 1) {
        planned.add(
            PlannedKey.left(
                entry,
                "assigned "
                    + count
                    + " times (line "
                    + entry.line()
                    + "); keep one assignment, then import again"));
      } else {
        planned.add(planOne(entry, referenceFor));
      }
    }
    return planned;
  }

  private static PlannedKey planOne(DotenvEntry entry, Function<String, Reference> referenceFor) {
    if (entry.segments().isEmpty()) {
      return PlannedKey.left(entry, "the value is empty");
    }
    if (entry.segments().stream().anyMatch(Segment.Variable.class::isInstance)) {
      return PlannedKey.left(entry, "the value uses a ${NAME} expansion");
    }

    String text = literalText(entry);
    if (Reference.isReference(text)) {
      return PlannedKey.reference(entry);
    }
    String reason = reasonToKeep(text);
    if (reason != null) {
      return PlannedKey.left(entry, reason);
    }
    return PlannedKey.move(entry, text, referenceFor.apply(entry.key()));
  }

  private static String literalText(DotenvEntry entry) {
    StringBuilder text = new StringBuilder();
    for (Segment segment : entry.segments()) {
      text.append(((Segment.Literal) segment).text());
    }
    return text.toString();
  }

  /** Returns why a plain text should stay where it is, or null when it can move. */
  private static String reasonToKeep(String text) {
    if (text.contains("$(") || text.indexOf('`') >= 0) {
      return "the value looks like a shell command substitution, which keyrun never runs";
    }
    for (Scheme scheme : Scheme.values()) {
      if (text.contains(scheme.prefix())) {
        return "the value contains a " + scheme.prefix() + " reference inside other text";
      }
    }
    if (text.indexOf('\0') >= 0) {
      return "the value contains a NUL character";
    }
    return null;
  }
}
