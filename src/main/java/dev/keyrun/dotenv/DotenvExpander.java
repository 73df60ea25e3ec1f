package dev.keyrun.dotenv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Expands {@code ${NAME}} in parsed entries and marks the store references that must be resolved
 * later.
 *
 * <p>A variable is looked up first among the values assigned by earlier lines of the file, then in
 * the environment. When it holds a reference, the reference is spliced in as a reference piece, so
 * {@code URL=postgres://app:${DB_PASS}@db/app} with {@code DB_PASS=keyring://db/app} gets the
 * secret itself once the store resolves it. Expansion runs before any store is read, so the text of
 * a secret is never expanded.
 */
public final class DotenvExpander {

  /** The source named by {@link #expand(List, Function, Predicate)}, whose entries lack a file. */
  public static final String UNKNOWN_SOURCE = "<unknown>";

  private final String source;
  private final Function<String, String> environment;
  private final Predicate<String> isReference;
  private final LinkedHashMap<String, ExpandedValue> values = new LinkedHashMap<>();

  private DotenvExpander(
      String source, Function<String, String> environment, Predicate<String> isReference) {
    this.source = source;
    this.environment = environment;
    this.isReference = isReference;
  }

  /**
   * Expands entries that {@link DotenvParser} returned. Because entries do not record their file,
   * values and errors name the source as {@link #UNKNOWN_SOURCE}. Use {@link #expand(String, List,
   * Function, Predicate)} or {@link #parseAndExpand(String, byte[], Function, Predicate)} to name
   * the file.
   *
   * @param environment returns the process environment value of a name, or null when it is unset
   * @param isReference returns whether a string is a store reference such as {@code keyring://a/b}
   * @return each key's value in the order the keys first appear, where a repeated key gets the
   *     value of its last assignment
   * @throws DotenvSyntaxException for a {@code ${NAME}} without a default that is defined nowhere
   */
  public static LinkedHashMap<String, ExpandedValue> expand(
      List<DotenvEntry> entries,
      Function<String, String> environment,
      Predicate<String> isReference) {
    return expand(UNKNOWN_SOURCE, entries, environment, isReference);
  }

  /** Expands entries like {@link #expand(List, Function, Predicate)}, naming {@code source}. */
  public static LinkedHashMap<String, ExpandedValue> expand(
      String source,
      List<DotenvEntry> entries,
      Function<String, String> environment,
      Predicate<String> isReference) {
    DotenvExpander expander = new DotenvExpander(source, environment, isReference);
    entries.forEach(expander::add);
    return expander.values;
  }

  /**
   * Parses and expands a file in one pass, so the error reported is the first one in file order. A
   * separate parse would report a syntax error on a later line before an undefined variable on an
   * earlier one. Within one assignment, a syntax error still comes before an undefined variable.
   *
   * @throws DotenvSyntaxException for invalid UTF-8, a syntax error or an undefined variable
   */
  public static LinkedHashMap<String, ExpandedValue> parseAndExpand(
      String source,
      byte[] content,
      Function<String, String> environment,
      Predicate<String> isReference) {
    String text = Utf8Decoder.decode(source, content);
    return parseAndExpand(source, text, environment, isReference);
  }

  /**
   * Parses and expands already decoded text like {@link #parseAndExpand(String, byte[], Function,
   * Predicate)}.
   */
  public static LinkedHashMap<String, ExpandedValue> parseAndExpand(
      String source,
      String text,
      Function<String, String> environment,
      Predicate<String> isReference) {
    DotenvExpander expander = new DotenvExpander(source, environment, isReference);
    DotenvParser.parse(source, text, expander::add);
    return expander.values;
  }

  /** Expands one entry against the values of the entries before it and records the result. */
  private void add(DotenvEntry entry) {
    List<Piece> pieces = new ArrayList<>();
    for (Segment segment : entry.segments()) {
      if (segment instanceof Segment.Literal literal) {
        pieces.add(Piece.ofText(literal.text()));
      } else if (segment instanceof Segment.Variable variable) {
        pieces.addAll(lookUp(variable));
      }
    }

    List<Piece> merged = merge(pieces);
    boolean plain = hasWrittenText(entry) && merged.stream().noneMatch(Piece::reference);
    ExpandedValue earlier = values.get(entry.key());
    boolean plaintextInFile = plain || (earlier != null && earlier.plaintextInFile());
    ExpandedValue value =
        new ExpandedValue(entry.key(), merged, source, entry.line(), plaintextInFile);
    values.put(entry.key(), value);
  }

  private static boolean hasWrittenText(DotenvEntry entry) {
    for (Segment segment : entry.segments()) {
      if (segment instanceof Segment.Literal literal && !literal.text().isEmpty()) {
        return true;
      }
      if (segment instanceof Segment.Variable variable
          && variable.defaultValue() != null
          && !variable.defaultValue().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the pieces a variable expands to. A default also replaces a value that is empty. */
  private List<Piece> lookUp(Segment.Variable variable) {
    Optional<List<Piece>> found = find(variable.name());

    boolean useDefault =
        variable.defaultValue() != null && (found.isEmpty() || isEmptyText(found.get()));
    if (useDefault) {
      return List.of(Piece.ofText(variable.defaultValue()));
    }

    return found.orElseThrow(() -> undefined(variable));
  }

  private Optional<List<Piece>> find(String name) {
    ExpandedValue earlier = values.get(name);
    if (earlier != null) {
      return Optional.of(earlier.pieces());
    }

    String inherited = environment.apply(name);
    if (inherited == null) {
      return Optional.empty();
    }
    return Optional.of(List.of(new Piece(inherited, isReference.test(inherited))));
  }

  private static boolean isEmptyText(List<Piece> pieces) {
    return pieces.stream().allMatch(piece -> !piece.reference() && piece.text().isEmpty());
  }

  /**
   * Joins adjacent text pieces and drops empty ones. A value that ends up as one text piece naming
   * a store, such as {@code keyring://${APP}/token}, becomes a reference.
   */
  private List<Piece> merge(List<Piece> pieces) {
    List<Piece> merged = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.reference()) {
        flushText(text, merged);
        merged.add(piece);
      } else {
        text.append(piece.text());
      }
    }
    flushText(text, merged);

    boolean wholeReference =
        merged.size() == 1 && !merged.get(0).reference() && isReference.test(merged.get(0).text());
    return wholeReference ? List.of(Piece.ofReference(merged.get(0).text())) : merged;
  }

  private static void flushText(StringBuilder text, List<Piece> merged) {
    if (text.length() > 0) {
      merged.add(Piece.ofText(text.toString()));
      text.setLength(0);
    }
  }

  private DotenvSyntaxException undefined(Segment.Variable variable) {
    String name = variable.name();
    String reason = "undefined variable ${" + name + "}";
    return new DotenvSyntaxException(source, variable.line(), reason, name);
  }
}
