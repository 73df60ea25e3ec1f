package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into keyrun's messages. picocli's own texts quote every argument
 * they reject, and a user who pasted a secret where a flag or reference belongs must not see it
 * echoed into a terminal log. So only an unknown option spelt like one (lower-case letters and
 * hyphens, as keyrun's own) is repeated; digits or capitals suggest a secret.
 */
final class UsageErrors {
  private static final Pattern OPTION_NAME = Pattern.compile("--?[a-z][a-z-]{0,24}");

  private UsageErrors() {}

  static KeyrunException describe(ParameterException e) {
    String help = "see " + commandPath(e) + " --help";
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatched(unmatched, help);
    }
    if (e instanceof MissingParameterException missing) {
      return missing(missing.getMissing(), help);
    }
    if (e instanceof OverwrittenOptionException overwritten) {
      return KeyrunException.failed(
          name(overwritten.getOverwritten()), "given more than once", help);
    }
    if (e.getArgSpec() != null) {
      ArgSpec spec = e.getArgSpec();
      boolean number = spec.type() == int.class || spec.type() == Integer.class;
      String expected = number ? "a whole number up to " + Integer.MAX_VALUE : spec.paramLabel();
      return KeyrunException.failed(name(spec), "invalid value; expected " + expected, help);
    }
    return KeyrunException.failed(commandPath(e), "invalid command line", help);
  }

  private static KeyrunException unmatched(UnmatchedArgumentException e, String help) {
    List<String> arguments = e.getUnmatched();
    String first = arguments.isEmpty() ? "" : arguments.get(0);
    String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
    if (OPTION_NAME.matcher(name).matches()) {
      return KeyrunException.failed(name, "unknown option", help);
    }
    if (first.startsWith("-")) {
      return KeyrunException.failed("option", "unknown (not shown, as it may be a secret)", help);
    }
    return KeyrunException.failed(commandPath(e), "unexpected argument", help);
  }

  private static KeyrunException missing(List<ArgSpec> missing, String help) {
    if (missing.isEmpty()) {
      return KeyrunException.failed("argument", "missing", help);
    }
    ArgSpec spec = missing.get(0);
    if (spec instanceof OptionSpec option) {
      return KeyrunException.failed(
          option.longestName(), "needs a value (" + option.paramLabel() + ")", help);
    }
    return KeyrunException.failed(spec.paramLabel(), "missing", help);
  }

  private static String name(ArgSpec spec) {
    if (spec instanceof OptionSpec option) {
      return option.longestName();
    }
    return spec.paramLabel();
  }

  /** Returns the command with its parents, such as {@code keyrun systemd unit}. */
  private static String commandPath(ParameterException e) {
    return e.getCommandLine().getCommandSpec().qualifiedName(" ");
  }
}
