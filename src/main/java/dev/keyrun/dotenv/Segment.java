package dev.keyrun.dotenv;

import java.util.Objects;

/** A part of a value as parsed: literal text or a {@code ${NAME}} or {@code ${NAME:-default}}. */
public sealed interface Segment permits Segment.Literal, Segment.Variable {

  /** Text taken as is, with quotes removed and escapes already decoded. */
  record Literal(String text) implements Segment {

    public Literal {
      Objects.requireNonNull(text, "text");
    }

    /** Shows the length only, because the text may be a secret. */
    @Override
    public String toString() {
      return "Literal[" + text.length() + " chars]";
    }
  }

  /**
   * An expansion that the expander resolves against earlier lines and then the environment.
   *
   * @param name the variable name, which follows the key grammar
   * @param defaultValue the decoded text after {@code :-}, or null when no default was written
   * @param line the 1-based physical line of the <code>${</code>
   */
  record Variable(String name, String defaultValue, int line) implements Segment {

    public Variable {
      Objects.requireNonNull(name, "name");
    }

    /** Leaves out the default, which may be a secret. */
    @Override
    public String toString() {
      return "Variable[name=" + name + ", line=" + line + "]";
    }
  }
}
