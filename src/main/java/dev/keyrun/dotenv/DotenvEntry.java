package dev.keyrun.dotenv;

import java.util.List;
import java.util.Objects;

/**
 * One {@code KEY=VALUE} assignment as written, before any {@code ${NAME}} is looked up.
 *
 * @param key the key, without any {@code export} prefix
 * @param segments the value as literal text and expansions, in order, and empty for an empty value
 * @param line the 1-based physical line of the key
 * @param endLine the 1-based physical line where the assignment ends: the line of the closing quote
 *     of a multi-line quoted value, else {@code line}
 * @param span where the value is written, quotes included, or null when not known
 */
public record DotenvEntry(
    String key, List<Segment> segments, int line, int endLine, ValueSpan span) {

  public DotenvEntry {
    Objects.requireNonNull(key, "key");
    segments = List.copyOf(segments);
  }

  /** Creates an entry without a value span. */
  public DotenvEntry(String key, List<Segment> segments, int line, int endLine) {
    this(key, segments, line, endLine, null);
  }
}
