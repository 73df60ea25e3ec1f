package dev.keyrun.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Well-known API key formats: a fixed prefix followed by a plausible number of token characters. A
 * match must not continue a longer token on either side, so {@code task-...} or an identifier with
 * {@code AKIA} inside a longer word does not match. The minimum lengths are estimates, set below
 * the length of the real keys seen in each format, so that a short placeholder such as {@code
 * sk-xxx} is not reported.
 */
final class KeyPatterns {
  /**
   * A key format: the provider's name, one of its prefixes and the pattern. The redacted form shows
   * as many characters of the key as {@code prefix} has, so every prefix of a format must have the
   * same length ({@code ghp_} stands for {@code gho_} and the others too).
   */
  record Format(String provider, String prefix, Pattern pattern) {}

  /** One key found on a line, with the value redacted. */
  record Match(String provider, String redacted) {}

  private static final String BEFORE = "(?<![A-Za-z0-9_-])";
  private static final String AFTER = "(?![A-Za-z0-9_-])";

  // Longer prefixes come first, so that sk-ant- is not reported as an OpenAI sk- key.
  static final List<Format> FORMATS =
      List.of(
          format("Anthropic", "sk-ant-", "sk-ant-[A-Za-z0-9_-]{32,}"),
          format("OpenAI", "sk-proj-", "sk-proj-[A-Za-z0-9_-]{32,}"),
          format("OpenAI", "sk-", "sk-[A-Za-z0-9_-]{32,}"),
          format("GitHub", "github_pat_", "github_pat_[A-Za-z0-9_]{40,}"),
          format("GitHub", "ghp_", "gh[pousr]_[A-Za-z0-9]{36,}"),
          format("AWS", "AKIA", "(?:AKIA|ASIA)[0-9A-Z]{16}"),
          format("Slack", "xoxb-", "xox[bpas]-[A-Za-z0-9-]{10,}"),
          format("Stripe", "sk_live_", "[sr]k_live_[A-Za-z0-9]{20,}"),
          format("Tavily", "tvly-", "tvly-[A-Za-z0-9_-]{20,}"),
          format("1Password", "ops_", "ops_[A-Za-z0-9_-]{40,}"),
          format("HashiCorp Vault", "hvs.", "hv[sbr]\\.[A-Za-z0-9_-]{24,}"),
          format(
              "Doppler",
              "dp.st.",
              "dp\\.(?:st|pt|ct|sa)\\.(?:[A-Za-z0-9_-]{2,35}\\.)?[A-Za-z0-9]{40,}"),
          format("Google", "AIza", "AIza[0-9A-Za-z_-]{35}"),
          format("Hugging Face", "hf_", "hf_[A-Za-z0-9]{30,}"));

  private KeyPatterns() {}

  private static Format format(String provider, String prefix, String regex) {
    return new Format(provider, prefix, Pattern.compile(BEFORE + regex + AFTER));
  }

  /** Returns the keys on {@code line}, each reported by the first format that matches it. */
  static List<Match> find(String line) {
    List<Match> matches = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    for (Format format : FORMATS) {
      Matcher matcher = format.pattern().matcher(line);
      while (matcher.find()) {
        if (overlaps(taken, matcher.start(), matcher.end())) {
          continue;
        }
        taken.add(new int[] {matcher.start(), matcher.end()});
        String prefix = line.substring(matcher.start(), matcher.start() + format.prefix().length());
        matches.add(new Match(format.provider(), redact(prefix, matcher.end() - matcher.start())));
      }
    }
    return matches;
  }

  /** Returns e.g. {@code sk-...(51 chars)}: the prefix and the length, never the value. */
  static String redact(String prefix, int length) {
    return prefix + "...(" + length + " chars)";
  }

  private static boolean overlaps(List<int[]> taken, int start, int end) {
    for (int[] span : taken) {
      if (start < span[1] && span[0] < end) {
        return true;
      }
    }
    return false;
  }
}
