package dev.keyrun.doctor;

import dev.keyrun.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds master credentials (see {@link MasterCredential}) in a line of text or in an environment. A
 * token is found by its format (the {@link KeyPatterns} formats of 1Password, Vault and Doppler),
 * or by the variable its tools read: {@code OP_CONNECT_TOKEN=...}, {@code "VAULT_TOKEN": "..."} and
 * the like, since a Connect token is a JWT and an older Vault token has no distinctive prefix. A
 * value assigned to such a variable counts when it has at least {@link #MIN_ASSIGNED_LENGTH} token
 * characters, so that a reference, {@code $(keyrun read ...)}, {@code ${VAR}} or a placeholder such
 * as {@code <token>} is not reported.
 */
final class MasterTokens {
  /** One master credential found, with the value redacted. */
  record Hit(MasterCredential kind, String redacted) {}

  static final int MIN_ASSIGNED_LENGTH = 20;

  private static final List<Pattern> ASSIGNMENTS = assignments();

  /**
   * The text that starts every master token format of {@link KeyPatterns}. A line without any of
   * them is not matched against the formats, because matching each line of a long session log
   * against every format is slow. Keep it in step with the formats of the providers of {@link
   * MasterCredential}.
   */
  private static final List<String> FORMAT_MARKERS = List.of("ops_", "hvs.", "hvb.", "hvr.", "dp.");

  private MasterTokens() {}

  private static List<Pattern> assignments() {
    List<Pattern> patterns = new ArrayList<>();
    for (MasterCredential kind : MasterCredential.values()) {
      patterns.add(
          Pattern.compile(
              "(?<![A-Za-z0-9_])"
                  + kind.variable()
                  + "[\"']?(?:\\s*[:=]\\s*|\\s+)[\"']?([A-Za-z0-9._~+/=-]{"
                  + MIN_ASSIGNED_LENGTH
                  + ",})"));
    }
    return patterns;
  }

  /** Returns the master credentials on {@code line}. */
  static List<Hit> find(String line) {
    List<Hit> hits = new ArrayList<>();
    if (FORMAT_MARKERS.stream().anyMatch(line::contains)) {
      hits.addAll(byFormat(line));
    }

    MasterCredential[] kinds = MasterCredential.values();
    for (int i = 0; i < kinds.length; i++) {
      if (!line.contains(kinds[i].variable())) {
        continue;
      }
      Matcher matcher = ASSIGNMENTS.get(i).matcher(line);
      while (matcher.find()) {
        String value = matcher.group(1);
        if (value.chars().anyMatch(Character::isDigit) && byFormat(value).isEmpty()) {
          hits.add(new Hit(kinds[i], redactAssigned(kinds[i], value.length())));
        }
      }
    }
    return hits;
  }

  /**
   * Returns the master credentials in {@code environment}: a value in a master token format under
   * any name, or a non-empty value that is not a reference under a master variable's name. The hit
   * names the variable and never contains the value.
   */
  static List<Hit> inEnvironment(Map<String, String> environment) {
    List<Hit> hits = new ArrayList<>();
    for (Map.Entry<String, String> variable : new java.util.TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue();
      List<Hit> formatted = byFormat(value);
      if (!formatted.isEmpty()) {
        Hit first = formatted.get(0);
        hits.add(new Hit(first.kind(), name + "=" + first.redacted()));
        continue;
      }
      for (MasterCredential kind : MasterCredential.values()) {
        if (kind.variable().equals(name) && isSecretValue(value)) {
          hits.add(new Hit(kind, name + "=" + KeyPatterns.redact("", value.length())));
        }
      }
    }
    return hits;
  }

  private static boolean isSecretValue(String value) {
    String trimmed = value.strip();
    return !trimmed.isEmpty() && !Reference.isReference(trimmed);
  }

  private static List<Hit> byFormat(String value) {
    List<Hit> hits = new ArrayList<>();
    for (KeyPatterns.Match match : KeyPatterns.find(value)) {
      MasterCredential.ofProvider(match.provider())
          .ifPresent(kind -> hits.add(new Hit(kind, match.redacted())));
    }
    return hits;
  }

  private static String redactAssigned(MasterCredential kind, int length) {
    return kind.variable() + "=" + KeyPatterns.redact("", length);
  }
}
