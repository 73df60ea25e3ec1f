package dev.keyrun.init;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.Segment;
import dev.keyrun.reference.Reference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a starter {@code keyrun.toml}: commented, valid TOML, and free of values. Keys taken
 * from an env file keep a reference that is already there. A plain value is replaced by the
 * suggested reference {@code dotenv:NAME}, which {@code keyrun import FILE --to dotenv --apply}
 * makes true, and is never copied.
 */
final class ManifestDraft {
  private final StringBuilder text = new StringBuilder();
  private int plainValues;
  private int keys;

  private ManifestDraft() {}

  /** The draft's text and what it declares. */
  record Result(String text, int keys, int plainValues) {}

  /**
   * Drafts a manifest for project {@code name}.
   *
   * @param source the env file the keys come from as the user named it, or null
   * @param entries the file's assignments, or an empty list
   */
  static Result draft(String name, String source, List<DotenvEntry> entries) {
    ManifestDraft draft = new ManifestDraft();
    draft.header(name);
    if (source == null) {
      draft.exampleKey();
    } else {
      draft.keysFrom(source, entries);
    }
    draft.profiles(name, entries.isEmpty() ? "OPENAI_API_KEY" : entries.get(0).key());
    return new Result(draft.text.toString(), draft.keys, draft.plainValues);
  }

  private void header(String name) {
    line("# keyrun.toml: the secrets this project needs and where each one lives.");
    line("# It holds references (dotenv:, keyring://, op://, systemd-creds://, ...), never");
    line("# values, so it can be committed with the project.");
    line("");
    line("[project]");
    line("name = " + TomlText.string(name));
    line("# default-profile = \"laptop\"");
  }

  private void exampleKey() {
    line("");
    line("# One table per key. 'ref' must be a reference; the other fields are optional.");
    line("# [keys.OPENAI_API_KEY]");
    line("# description = \"OpenAI key for the summariser\"");
    line("# ref = \"keyring://openai/default\"");
    line("# required = true          # the default");
    line("# delivery = \"env\"         # \"env\" (the default) or \"file\"");
    line("# max-age-days = 90");
  }

  private void keysFrom(String source, List<DotenvEntry> entries) {
    Map<String, DotenvEntry> last = new LinkedHashMap<>();
    entries.forEach(entry -> last.put(entry.key(), entry));

    line("");
    line("# Keys found in " + oneLine(source) + ".");
    if (last.values().stream().anyMatch(ManifestDraft::isPlain)) {
      line("# A plain value there is never copied here: its key gets the reference dotenv:NAME,");
      line("# and this command moves the values there:");
      line("#   keyrun import " + oneLine(source) + " --to dotenv --apply");
    }
    for (DotenvEntry entry : last.values()) {
      key(entry);
    }
  }

  private void key(DotenvEntry entry) {
    line("");
    String header = "[keys." + TomlText.key(entry.key()) + "]";
    if (entry.segments().stream().anyMatch(Segment.Variable.class::isInstance)) {
      line(
          "# "
              + header
              + "  is composed with ${...}, so no single reference fits; add one by hand");
      line("# ref = \"dotenv:" + entry.key() + "\"");
      return;
    }

    keys++;
    line(header);
    String text = literalText(entry);
    if (Reference.isReference(text)) {
      line("ref = " + TomlText.string(text));
    } else if (text.isEmpty()) {
      line(
          "ref = "
              + TomlText.string("dotenv:" + entry.key())
              + "  # suggested; the value is empty");
    } else {
      plainValues++;
      line(
          "ref = "
              + TomlText.string("dotenv:" + entry.key())
              + "  # suggested; the value is plain");
    }
    line("# description = \"\"");
  }

  private void profiles(String name, String key) {
    String tomlKey = TomlText.key(key);
    line("");
    line("# Profiles replace references on one kind of machine, such as a laptop or a server.");
    line("# [profiles.laptop]");
    line("# " + tomlKey + " = " + TomlText.string("keyring://" + name + "/" + key));
    line("#");
    line("# [profiles.server]");
    line("# " + tomlKey + " = " + TomlText.string("systemd-creds://" + key));
    line(
        "# or, to deliver it as a file: "
            + tomlKey
            + " = { ref = \"systemd-creds://"
            + key
            + "\",");
    line("#   delivery = \"file\" }");
  }

  /** Tells whether an entry is a non-empty plain value, which import would move. */
  private static boolean isPlain(DotenvEntry entry) {
    if (entry.segments().stream().anyMatch(Segment.Variable.class::isInstance)) {
      return false;
    }
    String text = literalText(entry);
    return !text.isEmpty() && !Reference.isReference(text);
  }

  private static String literalText(DotenvEntry entry) {
    StringBuilder text = new StringBuilder();
    for (Segment segment : entry.segments()) {
      text.append(((Segment.Literal) segment).text());
    }
    return text.toString();
  }

  /** Keeps a comment on one line whatever the file name contains. */
  private static String oneLine(String text) {
    return text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
  }

  private void line(String line) {
    text.append(line).append('\n');
  }
}
