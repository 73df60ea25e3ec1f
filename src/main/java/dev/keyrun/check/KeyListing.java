package dev.keyrun.check;

import dev.keyrun.text.JsonText;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows of {@code keyrun ls}: each key of a project with its references, their stores and the
 * age of its value. Never a value: a plain value shows only as such.
 */
public final class KeyListing {
  /**
   * One key.
   *
   * @param key the variable name
   * @param declared whether the key has a value in the active profile (false: a manifest key
   *     without a reference)
   * @param references the references in its value; empty for a plain value or no reference
   * @param stores the store of each reference, in the same order
   * @param required whether the key is required
   * @param description the manifest's description, or an empty string
   * @param age how old the value is
   */
  public record Row(
      String key,
      boolean declared,
      List<String> references,
      List<String> stores,
      boolean required,
      String description,
      KeyAge age) {}

  private final List<Row> rows;
  private final LocalDate today;

  public KeyListing(List<Row> rows, LocalDate today) {
    this.rows = List.copyOf(rows);
    this.today = today;
  }

  /** Returns how many keys are older than their maximum age. */
  public long stale() {
    return rows.stream().filter(row -> row.age().stale(today)).count();
  }

  /** Returns a table with a header line: key, reference, store, age, and a note. */
  public String text() {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] = new String[] {"KEY", "REFERENCE", "STORE", "AGE", "NOTE"};
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      cells[i + 1] =
          new String[] {
            row.key(),
            reference(row),
            row.stores().isEmpty() ? "-" : String.join(", ", row.stores()),
            row.references().isEmpty() ? "-" : row.age().describe(today),
            note(row)
          };
    }
    return table(cells);
  }

  private static String reference(Row row) {
    if (!row.declared()) {
      return "(no reference)";
    }
    return row.references().isEmpty() ? "(plain value)" : String.join(" + ", row.references());
  }

  private String note(Row row) {
    StringBuilder note = new StringBuilder();
    if (row.age().stale(today)) {
      note.append("due for rotation (max ").append(row.age().maxAgeDays()).append(" days)");
    }
    if (!row.required()) {
      note.append(note.length() > 0 ? "; " : "").append("optional");
    }
    if (!row.description().isEmpty()) {
      note.append(note.length() > 0 ? "; " : "").append(row.description());
    }
    return note.toString();
  }

  private static String table(String[][] cells) {
    int[] widths = new int[cells[0].length];
    for (String[] line : cells) {
      for (int column = 0; column < line.length; column++) {
        widths[column] = Math.max(widths[column], line[column].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder row = new StringBuilder();
      for (int column = 0; column < line.length; column++) {
        row.append(String.format("%-" + widths[column] + "s  ", line[column]));
      }
      text.append(row.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** Returns the rows as one JSON object followed by a newline. */
  public String json() {
    StringBuilder json = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < rows.size(); i++) {
      json.append(i > 0 ? "," : "");
      row(json, rows.get(i));
    }
    return json.append("]}\n").toString();
  }

  private void row(StringBuilder json, Row row) {
    json.append("{\"key\":");
    JsonText.string(json, row.key());
    json.append(",\"references\":");
    strings(json, row.references());
    json.append(",\"stores\":");
    strings(json, row.stores());
    json.append(",\"required\":").append(row.required());
    json.append(",\"description\":");
    JsonText.string(json, row.description());
    KeyAge age = row.age();
    json.append(",\"since\":");
    age.since()
        .ifPresentOrElse(day -> JsonText.string(json, day.toString()), () -> json.append("null"));
    json.append(",\"rotated\":").append(age.rotated() && age.since().isPresent());
    json.append(",\"ageDays\":").append(age.days(today).map(String::valueOf).orElse("null"));
    json.append(",\"maxAgeDays\":").append(age.maxAgeDays());
    json.append(",\"due\":").append(age.stale(today)).append('}');
  }

  private static void strings(StringBuilder json, List<String> texts) {
    json.append('[');
    for (int i = 0; i < texts.size(); i++) {
      json.append(i > 0 ? "," : "");
      JsonText.string(json, texts.get(i));
    }
    json.append(']');
  }
}
