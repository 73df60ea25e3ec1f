package dev.keyrun.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Generator of the roff man page keyrun(1) from {@link CommandSpecs#keyrun()} and {@link HelpText},
 * so the page lists the same options as {@code keyrun --help}. scripts/install.sh runs {@link
 * #main} with the installed jar and writes the result to share/man/man1/keyrun.1.
 */
public final class ManPage {
  /** A footer line such as "Examples:" or "Exit status: ...", which starts a man page section. */
  private static final Pattern FOOTER_HEADING = Pattern.compile("([A-Z][a-z ]+):(.*)");

  private ManPage() {}

  /** Prints the man page to stdout; exits with 125 if writing it failed. */
  public static void main(String[] args) {
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    stdout.print(page(CommandSpecs.keyrun()));
    stdout.flush();
    if (stdout.checkError()) {
      System.err.println("keyrun: stdout: writing the man page failed");
      System.exit(dev.keyrun.ExitCode.KEYRUN_FAILED);
    }
  }

  /** Returns the whole page for {@code keyrun}, the top-level command, in the man(7) macros. */
  static String page(CommandSpec keyrun) {
    StringBuilder roff = new StringBuilder();
    String name = keyrun.name();
    roff.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"");
    roff.append(escape(HelpText.version()[0])).append("\" \"User Commands\"\n");

    roff.append(".SH NAME\n");
    roff.append(name).append(" \\- ").append(escape(summary(keyrun))).append('\n');

    roff.append(".SH SYNOPSIS\n.nf\n");
    for (String line : keyrun.usageMessage().customSynopsis()) {
      roff.append(escape(line.strip())).append('\n');
    }
    roff.append(".fi\n");

    roff.append(".SH DESCRIPTION\n");
    paragraphs(roff, keyrun.usageMessage().description());
    roff.append(".SH OPTIONS\n");
    arguments(roff, keyrun);
    subcommands(roff, keyrun, name);
    footer(roff, keyrun.usageMessage().footer());
    return roff.toString();
  }

  /**
   * Returns the first description line as man pages write it: "run a command ..." with no period.
   */
  private static String summary(CommandSpec spec) {
    String first = spec.usageMessage().description()[0];
    String lower =
        first.isEmpty() ? first : Character.toLowerCase(first.charAt(0)) + first.substring(1);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static void subcommands(StringBuilder roff, CommandSpec parent, String path) {
    for (Map.Entry<String, CommandLine> entry : parent.subcommands().entrySet()) {
      CommandSpec sub = entry.getValue().getCommandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      String subPath = path + " " + entry.getKey();
      roff.append(".SH \"").append(escape(subPath.toUpperCase(Locale.ROOT))).append("\"\n");
      paragraphs(roff, sub.usageMessage().description());
      arguments(roff, sub);
      subcommands(roff, sub, subPath);
    }
  }

  /** Appends a tagged paragraph (.TP) for each positional parameter and visible option. */
  private static void arguments(StringBuilder roff, CommandSpec spec) {
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      if (positional.hidden()) {
        continue;
      }
      roff.append(".TP\n\\fI").append(escape(positional.paramLabel())).append("\\fR\n");
      roff.append(escape(String.join(" ", positional.description()))).append('\n');
    }
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      roff.append(".TP\n").append(optionTag(option)).append('\n');
      roff.append(escape(String.join(" ", option.description()))).append('\n');
    }
  }

  /** Returns an option's names in bold and its value in italics: \fB\-e\fR, \fB\-\-env\-file\fR. */
  static String optionTag(OptionSpec option) {
    StringBuilder tag = new StringBuilder();
    for (String name : option.names()) {
      if (tag.length() > 0) {
        tag.append(", ");
      }
      tag.append("\\fB").append(escape(name)).append("\\fR");
    }
    if (option.arity().max() > 0) {
      tag.append("=\\fI").append(escape(option.paramLabel())).append("\\fR");
    }
    return tag.toString();
  }

  private static void paragraphs(StringBuilder roff, String[] lines) {
    for (String line : lines) {
      if (!line.isEmpty()) {
        roff.append(".PP\n").append(escape(line)).append('\n');
      }
    }
  }

  /**
   * Appends HelpText.FOOTER: "Heading:" lines start a section, text after the colon is its first
   * paragraph, and indented lines are kept as written, in no-fill mode.
   */
  private static void footer(StringBuilder roff, String[] lines) {
    boolean preformatted = false;
    for (String line : lines) {
      boolean indented = line.startsWith(" ");
      if (preformatted && !indented) {
        roff.append(".fi\n");
        preformatted = false;
      }
      Matcher heading = FOOTER_HEADING.matcher(line);
      if (indented) {
        if (!preformatted) {
          roff.append(".PP\n.nf\n");
          preformatted = true;
        }
        roff.append(escape(line)).append('\n');
      } else if (heading.matches()) {
        roff.append(".SH \"").append(heading.group(1).toUpperCase(Locale.ROOT)).append("\"\n");
        String rest = heading.group(2).strip();
        if (!rest.isEmpty()) {
          String sentence = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
          roff.append(".PP\n").append(escape(sentence)).append('\n');
        }
      } else if (!line.isEmpty()) {
        roff.append(".PP\n").append(escape(line)).append('\n');
      }
    }
    if (preformatted) {
      roff.append(".fi\n");
    }
  }

  /**
   * Escapes one line of text for roff: a backslash becomes \e, each hyphen of a word that starts
   * with one (an option, or "--") becomes \- so that it prints as a minus sign and can be copied,
   * and a leading . or ' gets \&amp; in front so that roff does not read the line as a request.
   */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    boolean wordStart = true;
    boolean optionWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (wordStart) {
        optionWord = c == '-';
      }
      if (c == '\\') {
        escaped.append("\\e");
      } else if (c == '-' && optionWord) {
        escaped.append("\\-");
      } else {
        escaped.append(c);
      }
      wordStart = Character.isWhitespace(c) || c == '(' || c == '[' || c == '"' || c == '|';
    }
    if (escaped.length() > 0 && (escaped.charAt(0) == '.' || escaped.charAt(0) == '\'')) {
      escaped.insert(0, "\\&");
    }
    return escaped.toString();
  }
}
