package dev.keyrun.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdvisorTest {
  @ParameterizedTest(name = "shared={0} many={1} internet={2} -> {3}")
  @CsvSource({
    "false, false, false, laptop",
    "true,  false, false, shared-machine",
    "false, true,  false, many-machines",
    "true,  true,  false, many-machines",
    "false, false, true,  server",
    "true,  false, true,  server",
    "false, true,  true,  server",
    "true,  true,  true,  server",
  })
  void decisionTable(boolean shared, boolean many, boolean internet, String setup) {
    for (boolean onePassword : new boolean[] {false, true}) {
      for (boolean keyring : new boolean[] {false, true}) {
        Recommendation recommendation =
            Advisor.recommend(shared, many, internet, onePassword, keyring);
        assertEquals(setup, recommendation.setup());
      }
    }
  }

  @Test
  void serverUsesSystemdCredentialsAsFiles() {
    Recommendation server = Advisor.recommend(false, false, true, false, false);

    assertTrue(server.store().contains("systemd credentials"), server.store());
    assertTrue(server.delivery().contains("not environment variables"), server.delivery());
    assertEquals("keyrun systemd encrypt NAME", server.steps().get(0));
    assertTrue(server.steps().contains("keyrun systemd unit --name APP --profile server -- CMD"));
    assertTrue(
        server.steps().stream().anyMatch(step -> step.contains("\"systemd-creds://NAME\"")),
        server.steps().toString());
  }

  @Test
  void serverWithSharedKeysEncryptsFromOnePassword() {
    Recommendation server = Advisor.recommend(false, true, true, true, true);

    assertEquals(
        "keyrun read op://VAULT/ITEM/FIELD | keyrun systemd encrypt NAME", server.steps().get(0));
  }

  @Test
  void manyMachinesKeepTokenInKeyring() {
    Recommendation many = Advisor.recommend(false, true, false, true, true);

    assertTrue(many.steps().contains("keyrun set keyring://op/service-account"));
    assertTrue(
        many.steps()
            .contains(
                "add service-account-token = \"keyring://op/service-account\" under [op] in"
                    + " config.toml"));
    assertTrue(many.steps().contains("keyrun import .env --to op --vault VAULT --apply"));
    assertFalse(many.steps().stream().anyMatch(step -> step.startsWith("install")));
  }

  @Test
  void manyMachinesWithoutOpSaysInstallIt() {
    Recommendation many = Advisor.recommend(false, true, false, false, true);

    assertTrue(many.steps().get(0).startsWith("install the 1Password CLI"), many.steps().get(0));
  }

  @Test
  void manyMachinesWithoutKeyringUseDotenvToken() {
    Recommendation many = Advisor.recommend(false, true, false, true, false);

    assertTrue(many.steps().contains("keyrun set dotenv:OP_SERVICE_ACCOUNT_TOKEN"));
  }

  @Test
  void laptopWithKeyringImportsToKeyring() {
    Recommendation laptop = Advisor.recommend(false, false, false, false, true);

    assertEquals("the OS keyring", laptop.store());
    assertEquals("keyrun import .env --to keyring --apply", laptop.steps().get(0));
  }

  @Test
  void laptopWithoutKeyringUsesPrivateDotenv() {
    Recommendation laptop = Advisor.recommend(false, false, false, false, false);

    assertEquals("keyrun import .env --to dotenv --apply", laptop.steps().get(0));
    assertEquals("chmod 600 ~/.config/keyrun/secrets.env", laptop.steps().get(1));
  }

  @Test
  void laptopLeavesDiskEncryptionToDoctor() {
    Recommendation laptop = Advisor.recommend(false, false, false, false, true);

    assertEquals(
        "with one user, the OS keyring or a mode 600 .env is enough if the disk is encrypted,"
            + " which advise does not check: keyrun doctor does",
        laptop.why().get(0));
    String last = laptop.steps().get(laptop.steps().size() - 1);
    assertTrue(last.startsWith("keyrun doctor, whose disk-encryption check"), last);
  }

  @Test
  void sharedMachineLimitsKeysWithOnly() {
    Recommendation shared = Advisor.recommend(true, false, false, false, true);

    assertEquals("keyrun import .env --to keyring --apply", shared.steps().get(0));
    assertTrue(shared.steps().stream().anyMatch(step -> step.startsWith("keyrun --only NAME")));
  }
}
