package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reports API keys in the {@link KeyPatterns} formats written into shell startup files, such as
 * {@code export OPENAI_API_KEY=sk-proj-...} in {@code ~/.bashrc}. Every program started from that
 * shell inherits such a key. Master tokens are left to {@code master-tokens}, which gives the fix
 * for them, so one token is not reported twice.
 */
final class ShellKeysCheck implements Check {
  static final String NAME = "shell-keys";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run(Scope scope) {
    List<Finding> findings = new ArrayList<>();
    int filesRead = 0;
    for (Path file : MasterTokensCheck.shellFiles(scope.host().home())) {
      Optional<List<String>> lines = TextFile.lines(file);
      if (lines.isEmpty()) {
        continue;
      }

      filesRead++;
      String display = scope.host().display(file);
      List<String> text = lines.get();
      for (int i = 0; i < text.size(); i++) {
        for (KeyPatterns.Match match : KeyPatterns.find(text.get(i))) {
          if (MasterCredential.ofProvider(match.provider()).isEmpty()) {
            findings.add(finding(display, i + 1, match));
          }
        }
      }
    }

    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, "no API keys in " + filesRead(filesRead)));
    }
    return findings;
  }

  private static Finding finding(String file, int line, KeyPatterns.Match match) {
    String reference = "keyring://" + service(match.provider()) + "/default";
    return new Finding(
        NAME,
        Status.FAIL,
        match.redacted() + " is " + article(match.provider()) + " API key in plain text",
        "rotate the key (every program started from this shell, an AI assistant included, has"
            + " had it), store the new one with `keyrun set "
            + reference
            + "`, name "
            + reference
            + " in the project's .env or keyrun.toml and start the program with `keyrun --"
            + " COMMAND` instead of exporting the key",
        file,
        line);
  }

  /**
   * Returns the provider's name as a keyring service name: {@code Hugging Face} to {@code
   * hugging-face}.
   */
  private static String service(String provider) {
    return provider.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  /** Returns {@code provider} after "a" or "an": {@code an OpenAI}, {@code a GitHub}. */
  private static String article(String provider) {
    return ("AEIOU".indexOf(provider.charAt(0)) >= 0 ? "an " : "a ") + provider;
  }

  private static String filesRead(int count) {
    return switch (count) {
      case 0 -> "any shell startup file (none found)";
      case 1 -> "the 1 shell startup file read";
      default -> "the " + count + " shell startup files read";
    };
  }
}
