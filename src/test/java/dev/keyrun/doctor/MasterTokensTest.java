package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterTokensTest {
  private static final String TOKEN = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0n";
  private static final String CONNECT_TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6Im" + TOKEN;

  @Test
  void serviceAccountTokenInJson() {
    List<MasterTokens.Hit> hits =
        MasterTokens.find("  \"env\": {\"OP_SERVICE_ACCOUNT_TOKEN\": \"ops_" + TOKEN + "\"}");

    assertEquals(1, hits.size(), hits.toString());
    assertEquals(MasterCredential.ONE_PASSWORD_SERVICE_ACCOUNT, hits.get(0).kind());
    assertEquals("ops_...(44 chars)", hits.get(0).redacted());
  }

  @Test
  void connectTokenFoundByVariable() {
    List<String> lines =
        List.of(
            "export OP_CONNECT_TOKEN=" + CONNECT_TOKEN,
            "OP_CONNECT_TOKEN: '" + CONNECT_TOKEN + "'",
            "{\"OP_CONNECT_TOKEN\": \"" + CONNECT_TOKEN + "\"}",
            "set -gx OP_CONNECT_TOKEN " + CONNECT_TOKEN);
    for (String line : lines) {
      List<MasterTokens.Hit> hits = MasterTokens.find(line);

      assertEquals(1, hits.size(), line);
      assertEquals(MasterCredential.ONE_PASSWORD_CONNECT, hits.get(0).kind(), line);
      assertEquals("OP_CONNECT_TOKEN=...(70 chars)", hits.get(0).redacted(), line);
    }
  }

  @Test
  void vaultAndDopplerTokensFound() {
    assertEquals(MasterCredential.VAULT, MasterTokens.find("hvs." + TOKEN).get(0).kind());
    assertEquals(MasterCredential.DOPPLER, MasterTokens.find("x=dp.st.dev." + TOKEN).get(0).kind());
    assertEquals(MasterCredential.VAULT, MasterTokens.find("VAULT_TOKEN=s." + TOKEN).get(0).kind());
  }

  @Test
  void everyMasterFormatFound() {
    List<String> prefixes =
        List.of(
            "ops_", "hvs.", "hvb.", "hvr.", "dp.st.", "dp.pt.", "dp.ct.", "dp.sa.", "dp.st.prd.");
    for (String prefix : prefixes) {
      List<MasterTokens.Hit> hits = MasterTokens.find("token: " + prefix + TOKEN);

      assertEquals(1, hits.size(), prefix);
    }
  }

  @Test
  void tokenWithFormatAndVariableFoundOnce() {
    List<MasterTokens.Hit> hits = MasterTokens.find("VAULT_TOKEN=hvs." + TOKEN);

    assertEquals(1, hits.size(), hits.toString());
    assertEquals("hvs....(44 chars)", hits.get(0).redacted());
  }

  @Test
  void referencesAndPlaceholdersIgnored() {
    List<String> lines =
        List.of(
            "OP_SERVICE_ACCOUNT_TOKEN=keyring://op/service-account",
            "export OP_SERVICE_ACCOUNT_TOKEN=$(keyrun read keyring://op/service-account)",
            "export VAULT_TOKEN=\"${VAULT_TOKEN_FROM_CI}\"",
            "OP_CONNECT_TOKEN=<your connect token>",
            "OP_CONNECT_TOKEN=your-connect-token-goes-here",
            "set -gx OP_CONNECT_TOKEN (keyrun read keyring://op/connect-token)",
            "DOPPLER_TOKEN=dp.st.xxxx",
            "MY_VAULT_TOKEN_FILE=/run/secrets/vault-token-file-path",
            "ops_ is the prefix of service account tokens");
    for (String line : lines) {
      assertTrue(MasterTokens.find(line).isEmpty(), line);
    }
  }

  @Test
  void environmentHitsNameTheVariable() {
    Map<String, String> environment =
        Map.of(
            "OP_SERVICE_ACCOUNT_TOKEN",
            "ops_" + TOKEN,
            "DEPLOY_TOKEN",
            "hvs." + TOKEN,
            "OP_CONNECT_TOKEN",
            CONNECT_TOKEN,
            "DOPPLER_TOKEN",
            "keyring://doppler/token",
            "VAULT_TOKEN",
            "",
            "PATH",
            "/usr/bin");

    List<MasterTokens.Hit> hits = MasterTokens.inEnvironment(environment);

    assertEquals(3, hits.size(), hits.toString());
    assertEquals("DEPLOY_TOKEN=hvs....(44 chars)", hits.get(0).redacted());
    assertEquals("OP_CONNECT_TOKEN=...(70 chars)", hits.get(1).redacted());
    assertEquals("OP_SERVICE_ACCOUNT_TOKEN=ops_...(44 chars)", hits.get(2).redacted());
    for (MasterTokens.Hit hit : hits) {
      assertFalse(hit.redacted().contains(TOKEN.substring(0, 12)), hit.redacted());
    }
  }
}
