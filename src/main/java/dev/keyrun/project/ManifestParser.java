package dev.keyrun.project;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BoundedRead;
import dev.keyrun.dotenv.KeyGrammar;
import dev.keyrun.reference.Reference;
import dev.keyrun.text.StrictUtf8;
import dev.keyrun.toml.TomlLines;
import dev.keyrun.toml.TomlSyntaxException;
import dev.keyrun.toml.TomlTree;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code keyrun.toml} with Jackson's TOML parser and validates it: known fields only, key
 * names of the env-file grammar, references of known schemes, profiles that name declared keys.
 *
 * <p>Only {@link TomlTree} uses Jackson, and only a run that finds a manifest reaches it, so a run
 * without one loads no Jackson class.
 */
final class ManifestParser {
  private static final Set<String> TOP_LEVEL = Set.of("project", "keys", "profiles");
  private static final Set<String> PROJECT_FIELDS = Set.of("name", "default-profile");
  private static final Set<String> KEY_FIELDS =
      Set.of("description", "ref", "required", "delivery", "max-age-days");
  private static final Set<String> ENTRY_FIELDS = Set.of("ref", "delivery", "required");

  private ManifestParser() {}

  static Manifest parse(Path file) {
    String content = read(file);
    ManifestText text = new ManifestText(file, new TomlLines(content));
    TableReader root = new TableReader(text, tree(content, text), List.of());
    root.requireKnownFields(TOP_LEVEL, "[project], [keys.NAME] or [profiles.NAME]");

    List<ProjectKey> keys = root.has("keys") ? keys(root.table("keys")) : List.of();
    Map<String, Map<String, ProfileEntry>> profiles = new LinkedHashMap<>();
    if (root.has("profiles")) {
      profiles = profiles(root.table("profiles"), keys);
    }

    String name = directoryName(file);
    Optional<String> defaultProfile = Optional.empty();
    if (root.has("project")) {
      TableReader project = root.table("project");
      project.requireKnownFields(PROJECT_FIELDS, "name or default-profile");
      name = project.text("name").orElse(name);
      defaultProfile = project.text("default-profile");
      if (defaultProfile.isPresent() && !profiles.containsKey(defaultProfile.get())) {
        throw text.failure(
            project.child("default-profile"),
            "default-profile \"" + defaultProfile.get() + "\" is not defined",
            Profiles.defined(profiles.keySet()));
      }
    }
    return new Manifest(file, name, defaultProfile, keys, profiles);
  }

  private static List<ProjectKey> keys(TableReader table) {
    List<ProjectKey> keys = new ArrayList<>();
    for (Map.Entry<String, Object> field : table.fields()) {
      String name = requireKeyName(table, field.getKey());
      TableReader key = table.table(name);
      key.requireKnownFields(KEY_FIELDS, "description, ref, required, delivery or max-age-days");
      keys.add(
          new ProjectKey(
              name,
              key.text("description").orElse(""),
              key.bool("required").orElse(true),
              key.reference("ref"),
              key.delivery("delivery").orElse(KeyDelivery.DEFAULT),
              key.positiveInt("max-age-days"),
              key.line()));
    }
    return keys;
  }

  private static Map<String, Map<String, ProfileEntry>> profiles(
      TableReader table, List<ProjectKey> keys) {
    Set<String> declared = new java.util.HashSet<>();
    keys.forEach(key -> declared.add(key.name()));

    Map<String, Map<String, ProfileEntry>> profiles = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : table.fields()) {
      String profileName = field.getKey();
      if (!KeyGrammar.isValid(profileName)) {
        throw table.failure(
            table.child(profileName),
            "invalid profile name \"" + profileName + "\"",
            "use letters, digits, _, . and -, starting with a letter or _");
      }
      TableReader profile = table.table(profileName);
      Map<String, ProfileEntry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : profile.fields()) {
        String key = entry.getKey();
        if (!declared.contains(key)) {
          throw profile.failure(
              profile.child(key),
              key + " in [profiles." + profileName + "] is not declared under [keys]",
              "add a [keys." + key + "] table, or remove the line");
        }
        entries.put(key, entry(profile, key, entry.getValue()));
      }
      profiles.put(profileName, entries);
    }
    return profiles;
  }

  /** Reads {@code KEY = "ref"} or {@code KEY = { ref = ..., delivery = ..., required = ... }}. */
  private static ProfileEntry entry(TableReader profile, String key, Object value) {
    List<String> path = profile.child(key);
    if (value instanceof String) {
      Reference reference = profile.reference((String) value, path);
      return new ProfileEntry(
          Optional.of(reference), Optional.empty(), Optional.empty(), profile.lineOf(path));
    }
    if (!(value instanceof Map)) {
      throw profile.failure(
          path,
          ManifestText.dotted(path) + " must be a reference or a table",
          "write " + key + " = \"keyring://...\" or " + key + " = { ref = \"...\" }");
    }
    TableReader entry = profile.table(key);
    entry.requireKnownFields(ENTRY_FIELDS, "ref, delivery or required");
    return new ProfileEntry(
        entry.reference("ref"), entry.delivery("delivery"), entry.bool("required"), entry.line());
  }

  private static String requireKeyName(TableReader table, String name) {
    if (!KeyGrammar.isValid(name)) {
      throw table.failure(
          table.child(name),
          "invalid key name \"" + name + "\"",
          "a key matches [A-Za-z_][A-Za-z0-9_.-]*, as in env files");
    }
    return name;
  }

  private static Map<String, Object> tree(String content, ManifestText text) {
    try {
      return TomlTree.read(content);
    } catch (TomlSyntaxException e) {
      throw syntaxError(e, text);
    }
  }

  /** Turns Jackson's TOML error into one line naming the file and the line. */
  private static KeyrunException syntaxError(TomlSyntaxException e, ManifestText text) {
    String problem;
    switch (e.reason()) {
      case "Duplicate key":
        problem = "key defined twice";
        break;
      case "Table redefined":
        problem = "table defined twice";
        break;
      case "Object already closed":
        problem = "adds to a table that is already complete: a table defined twice";
        break;
      default:
        problem = "invalid TOML: " + e.reason();
    }
    return KeyrunException.failed(
        text.at(e.line()),
        problem,
        "fix that line; a reference is a quoted string, as in ref = \"dotenv:API_KEY\"",
        e);
  }

  private static String read(Path file) {
    byte[] content;
    try {
      content = BoundedRead.read(file);
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the --manifest path");
    } catch (BoundedRead.TooLargeException e) {
      throw KeyrunException.failed(
          file.toString(), "larger than 1 MiB", "a manifest declares keys; check the path");
    } catch (AccessDeniedException e) {
      throw KeyrunException.failed(
          file.toString(), "permission denied", "make it readable by you: chmod u+r " + file);
    } catch (IOException e) {
      throw KeyrunException.failed(file.toString(), "cannot read: " + e.getMessage(), null);
    }
    return StrictUtf8.decode(content)
        .orElseThrow(
            () ->
                KeyrunException.failed(file.toString(), "is not valid UTF-8", "save it as UTF-8"));
  }

  private static String directoryName(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    Path name = directory == null ? null : directory.getFileName();
    return name == null ? "" : name.toString();
  }
}
