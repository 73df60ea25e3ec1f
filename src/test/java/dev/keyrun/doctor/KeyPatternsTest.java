package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPatternsTest {
  private static final String TOKEN = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0n";

  @Test
  void eachFormatIsFoundRedacted() {
    List<String[]> cases =
        List.of(
            new String[] {"sk-ant-api03-" + TOKEN, "Anthropic", "sk-ant-...(53 chars)"},
            new String[] {"sk-proj-" + TOKEN, "OpenAI", "sk-proj-...(48 chars)"},
            new String[] {"sk-" + TOKEN, "OpenAI", "sk-...(43 chars)"},
            new String[] {"github_pat_" + TOKEN, "GitHub", "github_pat_...(51 chars)"},
            new String[] {"ghp_" + TOKEN.substring(0, 36), "GitHub", "ghp_...(40 chars)"},
            new String[] {"AKIAIOSFODNN7EXAMPLE", "AWS", "AKIA...(20 chars)"},
            new String[] {"xoxb-1234567890-abcdefghij", "Slack", "xoxb-...(26 chars)"},
            new String[] {"sk_live_" + TOKEN.substring(0, 24), "Stripe", "sk_live_...(32 chars)"},
            new String[] {"rk_live_" + TOKEN.substring(0, 24), "Stripe", "rk_live_...(32 chars)"},
            new String[] {"tvly-dev-" + TOKEN.substring(0, 24), "Tavily", "tvly-...(33 chars)"},
            new String[] {"ops_" + TOKEN, "1Password", "ops_...(44 chars)"},
            new String[] {"hvs." + TOKEN, "HashiCorp Vault", "hvs....(44 chars)"},
            new String[] {"hvb." + TOKEN, "HashiCorp Vault", "hvb....(44 chars)"},
            new String[] {"dp.st." + TOKEN, "Doppler", "dp.st....(46 chars)"},
            new String[] {"dp.st.prd." + TOKEN, "Doppler", "dp.st....(50 chars)"},
            new String[] {"dp.pt." + TOKEN, "Doppler", "dp.pt....(46 chars)"});
    for (String[] row : cases) {
      List<KeyPatterns.Match> matches = KeyPatterns.find("KEY=\"" + row[0] + "\"");

      assertEquals(1, matches.size(), row[1] + ": " + matches);
      assertEquals(row[1], matches.get(0).provider(), row[2]);
      assertEquals(row[2], matches.get(0).redacted());
      assertFalse(matches.get(0).redacted().contains(row[0].substring(12)), row[2]);
    }
  }

  @Test
  void placeholdersAndLongerTokensAreIgnored() {
    assertTrue(KeyPatterns.find("OPENAI_API_KEY=sk-xxxx").isEmpty());
    assertTrue(KeyPatterns.find("task-" + TOKEN).isEmpty());
    assertTrue(KeyPatterns.find("id=XAKIAIOSFODNN7EXAMPLE").isEmpty());
    assertTrue(KeyPatterns.find("AKIAIOSFODNN7EXAMPLEX").isEmpty());
    assertTrue(KeyPatterns.find("OPENAI_API_KEY=keyring://app/openai").isEmpty());
    assertTrue(KeyPatterns.find("VAULT_TOKEN=hvs.xxxx").isEmpty());
    assertTrue(KeyPatterns.find("DOPPLER_TOKEN=dp.st.dev.xxxx").isEmpty());
    assertTrue(KeyPatterns.find("ops_" + TOKEN.substring(0, 20)).isEmpty());
  }

  @Test
  void twoKeysOnOneLineAreBothFound() {
    List<KeyPatterns.Match> matches =
        KeyPatterns.find("a=sk-" + TOKEN + " b=ghp_" + TOKEN.substring(0, 36));

    assertEquals(2, matches.size(), matches.toString());
  }
}
