package dev.keyrun.cli;

import dev.keyrun.inventory.Consumers;
import dev.keyrun.text.JsonText;
import java.util.List;
import java.util.Locale;

/** Prints the consumers of a store entry, as {@code keyrun where} and {@code keyrun rotate} do. */
final class ConsumerReport {
  private ConsumerReport() {}

  /** Returns the consumers as lines for people, ending with a newline. */
  static String text(Consumers consumers) {
    StringBuilder text = new StringBuilder(consumers.reference()).append('\n');
    text.append("  last rotated: ")
        .append(consumers.rotated().orElse("never with keyrun rotate"))
        .append('\n');

    if (consumers.projects().isEmpty()) {
      text.append("  projects: none recorded\n");
    } else {
      text.append("  projects:\n");
      for (Consumers.Project project : consumers.projects()) {
        text.append("    ").append(project.path());
        seen(text, project.keys(), project.firstSeen(), project.lastSeen());
        text.append(describe(project.state())).append('\n');
      }
    }

    if (consumers.units().isEmpty()) {
      text.append("  systemd units: none recorded\n");
    } else {
      text.append("  systemd units:\n");
      for (Consumers.Unit unit : consumers.units()) {
        text.append("    ").append(unit.unit().name()).append(", ").append(unit.unit().scope());
        seen(text, unit.keys(), unit.firstSeen(), unit.lastSeen());
        text.append('\n');
      }
    }
    return text.toString();
  }

  private static void seen(StringBuilder text, List<String> keys, String first, String last) {
    text.append(" (")
        .append(String.join(", ", keys))
        .append("; first seen ")
        .append(first)
        .append(", last seen ")
        .append(last)
        .append(')');
  }

  private static String describe(Consumers.FileState state) {
    return switch (state) {
      case PRESENT -> "";
      case GONE -> ": the file is gone";
      case NOT_MENTIONED -> ": the file no longer mentions the reference";
      case UNREADABLE -> ": the file cannot be read";
    };
  }

  /** Returns the consumers as one JSON object on one line, ending with a newline. */
  static String json(Consumers consumers) {
    StringBuilder json = new StringBuilder("{\"reference\":");
    JsonText.string(json, consumers.reference());
    json.append(",\"rotated\":");
    optional(json, consumers.rotated().orElse(null));

    json.append(",\"projects\":[");
    for (int i = 0; i < consumers.projects().size(); i++) {
      Consumers.Project project = consumers.projects().get(i);
      json.append(i == 0 ? "{" : ",{").append("\"path\":");
      JsonText.string(json, project.path());
      jsonSeen(json, project.keys(), project.firstSeen(), project.lastSeen());
      json.append(",\"file\":");
      JsonText.string(json, project.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      json.append('}');
    }

    json.append("],\"units\":[");
    for (int i = 0; i < consumers.units().size(); i++) {
      Consumers.Unit unit = consumers.units().get(i);
      json.append(i == 0 ? "{" : ",{").append("\"name\":");
      JsonText.string(json, unit.unit().name());
      json.append(",\"scope\":");
      JsonText.string(json, unit.unit().scope());
      jsonSeen(json, unit.keys(), unit.firstSeen(), unit.lastSeen());
      json.append('}');
    }
    return json.append("]}\n").toString();
  }

  private static void jsonSeen(StringBuilder json, List<String> keys, String first, String last) {
    json.append(",\"keys\":[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      JsonText.string(json, keys.get(i));
    }
    json.append("],\"firstSeen\":");
    JsonText.string(json, first);
    json.append(",\"lastSeen\":");
    JsonText.string(json, last);
  }

  private static void optional(StringBuilder json, String text) {
    if (text == null) {
      json.append("null");
    } else {
      JsonText.string(json, text);
    }
  }
}
