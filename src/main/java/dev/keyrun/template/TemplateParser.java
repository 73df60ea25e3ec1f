package dev.keyrun.template;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.KeyGrammar;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the placeholders of a template, byte by byte, so that text in any encoding passes through.
 *
 * <p>A placeholder is {@code {{ REFERENCE }}} on one line, with optional spaces and tabs inside
 * the braces, as in 1Password's {@code op inject}. In a run of three or more {@code {}, the last
 * two open it. As {@code op inject} does, an {@code op://} reference outside braces is replaced
 * too, unless a letter, digit, {@code +}, {@code -} or {@code .} comes right before it.
 *
 * <p>Other text between {@code {{} and {@code }}} is an error when it was probably meant as a
 * reference: nothing at all, a bare name such as {@code {{ API_KEY }}} (unless {@code
 * literalNames}), or a word and a colon such as {@code {{ vault:x }}}. Anything else, such as
 * {@code {{ .Values.port }}} or {@code {{ name | upper }}}, is another template language's syntax
 * and passes through unchanged. So does an unclosed {@code {{} unless a reference follows it.
 */
final class TemplateParser {
  private static final byte[] OP_PREFIX = Scheme.OP.prefix().getBytes(StandardCharsets.US_ASCII);

  private final String source;
  private final byte[] content;
  private final boolean literalNames;
  private final List<Placeholder> placeholders = new ArrayList<>();
  private final List<KeyrunException> errors = new ArrayList<>();
  private int line = 1;

  TemplateParser(String source, byte[] content, boolean literalNames) {
    this.source = source;
    this.content = content;
    this.literalNames = literalNames;
  }

  Template parse() {
    int i = 0;
    while (i < content.length) {
      byte b = content[i];
      if (b == '\n' || (b == '\r' && byteAt(i + 1) != '\n')) {
        line++;
        i++;
      } else if (b == '{' && byteAt(i + 1) == '{') {
        i = enclosed(i);
      } else if (b == 'o' && startsUnenclosed(i)) {
        i = unenclosed(i);
      } else {
        i++;
      }
    }

    if (!errors.isEmpty()) {
      KeyrunException last = errors.remove(errors.size() - 1);
      throw last.after(errors);
    }
    return new Template(source, content, placeholders);
  }

  /** Reads the {@code {{...}}} at {@code start} and returns the offset where scanning continues. */
  private int enclosed(int start) {
    int open = start;
    while (byteAt(open + 2) == '{') {
      open++;
    }
    int inner = open + 2;
    int close = findClose(inner);
    if (close < 0) {
      if (meantAsReference(text(inner, lineEnd(inner)))) {
        error(
            "'{{' has no closing '}}' on the same line", "close the placeholder: {{ REFERENCE }}");
      }
      return inner;
    }

    String text = text(inner, close);
    Optional<Reference> reference = Reference.parse(text);
    if (reference.isPresent()) {
      placeholders.add(new Placeholder(open, close + 2, reference.get(), line));
      return close + 2;
    }
    rejectIfMeant(text);
    return inner;
  }

  private void rejectIfMeant(String text) {
    if (text.isEmpty()) {
      error("empty placeholder '{{ }}'", "put a reference inside, such as {{ dotenv:API_KEY }}");
    } else if (isSchemeWord(text)) {
      String problem =
          Scheme.closestTo(text)
              .map(s -> "unknown reference scheme; did you mean " + s.prefix() + "?")
              .orElse("unknown reference scheme");
      error(
          problem, "write a reference such as {{ dotenv:API_KEY }} or {{ op://vault/item/field }}");
    } else if (KeyGrammar.isValid(text) && !literalNames) {
      error(
          "a bare name in '{{ }}' is not a reference",
          "write a reference such as {{ dotenv:NAME }} or {{ env://NAME }}; for a template of"
              + " another language, pass --literal-names to keep {{ NAME }} as it is");
    }
  }

  /**
   * Tells whether the text after an unclosed {@code {{} starts like a reference, which a missing
   * {@code }}} would otherwise leave unresolved in the output.
   */
  private static boolean meantAsReference(String rest) {
    return Reference.isReference(rest) || isSchemeWord(rest);
  }

  /**
   * Tells whether {@code text} starts with a URI scheme and a colon ({@code vault:}, or {@code
   * kerying://} for a misspelt {@code keyring://}), the form of a reference with a scheme keyrun
   * does not know.
   */
  private static boolean isSchemeWord(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || !isAsciiLetter(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = text.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Tells whether an {@code op://} reference outside braces starts at {@code i}. */
  private boolean startsUnenclosed(int i) {
    for (int k = 0; k < OP_PREFIX.length; k++) {
      if (byteAt(i + k) != OP_PREFIX[k]) {
        return false;
      }
    }
    return i == 0 || !isReferencePrefixByte(content[i - 1]);
  }

  private int unenclosed(int start) {
    int end = start + OP_PREFIX.length;
    while (end < content.length && isUnenclosedByte(content[end])) {
      end++;
    }
    if (end == start + OP_PREFIX.length) {
      return end;
    }
    Reference reference = Reference.parse(text(start, end)).orElseThrow();
    placeholders.add(new Placeholder(start, end, reference, line));
    return end;
  }

  /** Returns the offset of the first {@code }}} from {@code from} on its line, or -1. */
  private int findClose(int from) {
    for (int i = from; i < content.length && !isLineBreak(content[i]); i++) {
      if (content[i] == '}' && byteAt(i + 1) == '}') {
        return i;
      }
    }
    return -1;
  }

  private int lineEnd(int from) {
    int i = from;
    while (i < content.length && !isLineBreak(content[i])) {
      i++;
    }
    return i;
  }

  /**
   * Returns the bytes from {@code start} to {@code end} as text, without spaces and tabs around.
   */
  private String text(int start, int end) {
    int first = start;
    int last = end;
    while (first < last && isBlank(content[first])) {
      first++;
    }
    while (last > first && isBlank(content[last - 1])) {
      last--;
    }
    return new String(content, first, last - first, StandardCharsets.UTF_8);
  }

  private void error(String problem, String hint) {
    errors.add(KeyrunException.failed(source + ":" + line, problem, hint));
  }

  private int byteAt(int i) {
    return i < content.length ? content[i] : -1;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isLineBreak(byte b) {
    return b == '\n' || b == '\r';
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isAlphanumeric(int b) {
    return isAsciiLetter(b) || (b >= '0' && b <= '9');
  }

  /** Tells whether {@code b}, right before {@code op://}, makes it part of a longer word for op. */
  private static boolean isReferencePrefixByte(byte b) {
    return isAlphanumeric(b) || b == '+' || b == '-' || b == '.';
  }

  /**
   * Tells whether {@code b} belongs to an {@code op://} reference outside braces, as op reads it.
   */
  private static boolean isUnenclosedByte(int b) {
    return isAlphanumeric(b)
        || b == '-'
        || b == '?'
        || b == '_'
        || b == '.'
        || b == '/'
        || b == '=';
  }
}
