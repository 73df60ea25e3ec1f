package dev.keyrun.backend.onepassword;

import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The template that one {@code op inject} call resolves for all {@code op://} references of a run,
 * and the parsing of its output. Each reference sits between two copies of a marker that contains a
 * random 128-bit nonce, so no value, whatever bytes or lines it contains, can be mistaken for a
 * marker.
 */
final class InjectTemplate {
  private static final String SYNTAX = "op://VAULT/ITEM[/SECTION]/FIELD[?attribute=...]";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<Reference> references;
  private final String nonce;

  InjectTemplate(List<Reference> references) {
    this.references = List.copyOf(references);
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    this.nonce = HexFormat.of().formatHex(bytes);
  }

  /** Returns the template: one line per reference, {@code MARKER{{ op://... }}MARKER}. */
  byte[] text() {
    StringBuilder template = new StringBuilder();
    for (int i = 0; i < references.size(); i++) {
      Reference reference = references.get(i);
      requireTemplateSafe(reference);
      String marker = marker(i);
      template.append(marker).append("{{ ").append(reference).append(" }}").append(marker);
      template.append('\n');
    }
    return template.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the value of each reference from op's output, in order.
   *
   * @throws IllegalArgumentException when the output does not have the template's shape
   */
  List<byte[]> values(byte[] output) {
    List<byte[]> values = new ArrayList<>();
    int position = 0;
    for (int i = 0; i < references.size(); i++) {
      byte[] marker = marker(i).getBytes(StandardCharsets.US_ASCII);
      int start = indexOf(output, marker, position);
      if (start != position) {
        throw new IllegalArgumentException("op inject output does not match the template");
      }
      int valueStart = start + marker.length;
      int end = indexOf(output, marker, valueStart);
      if (end < 0) {
        throw new IllegalArgumentException("op inject output does not match the template");
      }
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      value.write(output, valueStart, end - valueStart);
      values.add(value.toByteArray());
      position = end + marker.length + 1;
    }
    return values;
  }

  private String marker(int index) {
    return "KEYRUN-" + nonce + "-" + index + "#";
  }

  /**
   * Rejects references that could break out of {@code {{ }}} or span template lines: a brace in a
   * reference makes the enclosed form ambiguous to op's template parser.
   */
  static void requireTemplateSafe(Reference reference) {
    String text = reference.toString();
    boolean safe = text.indexOf('{') < 0 && text.indexOf('}') < 0;
    for (int i = 0; i < text.length() && safe; i++) {
      safe = text.charAt(i) >= 0x20 && text.charAt(i) != 0x7f;
    }
    String[] parts = reference.body().split("\\?", 2)[0].split("/", -1);
    boolean shaped = parts.length >= 3 && parts.length <= 4;
    for (String part : parts) {
      shaped &= !part.isEmpty();
    }
    if (!safe || !shaped) {
      throw new InvalidReferenceException(reference, "not a 1Password secret reference", SYNTAX);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
