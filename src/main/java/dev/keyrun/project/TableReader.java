package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import dev.keyrun.toml.TomlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one TOML table of a manifest, checking each field's type. Every failure names
 * the manifest's line and the field's dotted path.
 */
final class TableReader {
  /** The form of a scheme name: the only text before a colon that messages quote. */
  private static final Pattern SCHEME_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,20}");

  private final ManifestText text;
  private final Map<String, Object> node;
  private final List<String> path;

  @SuppressWarnings("unchecked")
  TableReader(ManifestText text, Object node, List<String> path) {
    this.text = text;
    this.path = List.copyOf(path);
    if (!(node instanceof Map)) {
      throw text.failure(path, dotted() + " must be a table", "write it as [" + dotted() + "]");
    }
    this.node = (Map<String, Object>) node;
  }

  /** Returns the table's path, such as {@code [keys.API]}, as messages show it. */
  String dotted() {
    return ManifestText.dotted(path);
  }

  int line() {
    return text.lineOf(path);
  }

  int lineOf(List<String> at) {
    return text.lineOf(at);
  }

  KeyrunException failure(List<String> at, String problem, String hint) {
    return text.failure(at, problem, hint);
  }

  /** Rejects a field outside {@code allowed}, so that a misspelt field does not pass silently. */
  void requireKnownFields(Set<String> allowed, String expected) {
    for (String name : node.keySet()) {
      if (!allowed.contains(name)) {
        String where = path.isEmpty() ? "" : " in [" + dotted() + "]";
        throw text.failure(
            child(name), "unknown field \"" + name + "\"" + where, "expected " + expected);
      }
    }
  }

  /** Returns the fields in file order. */
  List<Map.Entry<String, Object>> fields() {
    return new ArrayList<>(node.entrySet());
  }

  boolean has(String field) {
    return node.containsKey(field);
  }

  TableReader table(String field) {
    return new TableReader(text, node.get(field), child(field));
  }

  Optional<String> text(String field) {
    Object value = node.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String)) {
      throw text.failure(child(field), field(field) + " must be a string", null);
    }
    return Optional.of((String) value);
  }

  Optional<Boolean> bool(String field) {
    Object value = node.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean)) {
      throw text.failure(child(field), field(field) + " must be true or false", null);
    }
    return Optional.of((Boolean) value);
  }

  OptionalInt positiveInt(String field) {
    Object value = node.get(field);
    if (value == null) {
      return OptionalInt.empty();
    }
    OptionalInt days = TomlValues.positiveInt(value);
    if (days.isEmpty()) {
      throw text.failure(
          child(field), field(field) + " must be a whole number of days above 0", null);
    }
    return days;
  }

  Optional<KeyDelivery> delivery(String field) {
    return text(field)
        .map(
            name ->
                KeyDelivery.named(name)
                    .orElseThrow(
                        () ->
                            text.failure(
                                child(field),
                                field(field) + " must be \"env\" or \"file\"",
                                null)));
  }

  Optional<Reference> reference(String field) {
    return text(field).map(value -> reference(value, child(field)));
  }

  /**
   * Parses a reference written at {@code at}. The message never repeats the value, because it may
   * be a secret pasted by mistake. It names an unknown scheme only when the text before the colon
   * looks like one.
   */
  Reference reference(String value, List<String> at) {
    Optional<Reference> reference = Reference.parse(value);
    if (reference.isPresent()) {
      return reference.get();
    }
    String where = ManifestText.dotted(at);
    int colon = value.indexOf(':');
    String scheme = colon > 0 ? value.substring(0, colon) : "";
    String problem =
        SCHEME_NAME.matcher(scheme).matches()
            ? where + " has an unknown scheme \"" + scheme + ":\""
            : where + " is not a keyrun reference";
    String hint =
        Scheme.closestTo(value)
            .map(s -> "did you mean " + s.prefix() + "?")
            .orElse(
                "a reference starts with op://, keychain://, secret-service://, keyring://,"
                    + " dotenv:, systemd-creds://, env:// or file://; a manifest holds no values");
    throw text.failure(at, problem, hint);
  }

  List<String> child(String field) {
    List<String> child = new ArrayList<>(path);
    child.add(field);
    return child;
  }

  private String field(String field) {
    return ManifestText.dotted(child(field));
  }
}
