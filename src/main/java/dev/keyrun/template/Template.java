package dev.keyrun.template;

import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed template: its bytes and the placeholders in them, in order. The bytes outside
 * placeholders are kept exactly, whatever their encoding.
 */
public final class Template {
  private final String source;
  private final byte[] content;
  private final List<Placeholder> placeholders;

  Template(String source, byte[] content, List<Placeholder> placeholders) {
    this.source = source;
    this.content = content;
    this.placeholders = List.copyOf(placeholders);
  }

  /** Parses {@code content}, read from {@code source} (a file name, or {@code stdin}). */
  public static Template parse(String source, byte[] content, boolean literalNames) {
    return new TemplateParser(source, content, literalNames).parse();
  }

  /** Returns the name of the file the template came from, or {@code stdin}. */
  public String source() {
    return source;
  }

  public List<Placeholder> placeholders() {
    return placeholders;
  }

  /** Returns every reference of the template, in order, each as often as it appears. */
  public List<Reference> references() {
    List<Reference> references = new ArrayList<>();
    for (Placeholder placeholder : placeholders) {
      references.add(placeholder.reference());
    }
    return references;
  }

  /**
   * Returns the template's bytes with each placeholder replaced by the value of its reference,
   * inserted as is, without escaping.
   *
   * @param values a value for every reference of the template
   */
  public byte[] render(Map<Reference, byte[]> values) {
    ByteArrayOutputStream output = new ByteArrayOutputStream(content.length + 64);
    int position = 0;
    for (Placeholder placeholder : placeholders) {
      output.write(content, position, placeholder.start() - position);
      output.writeBytes(values.get(placeholder.reference()));
      position = placeholder.end();
    }
    output.write(content, position, content.length - position);
    return output.toByteArray();
  }
}
