package dev.keyrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyrun.reference.Reference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceAccountTest {

  private static ServiceAccount parse(String text) {
    return ServiceAccount.of(Reference.parse(text).orElseThrow());
  }

  @Test
  void serviceAndAccount() {
    assertEquals(
        new ServiceAccount("openai", Optional.of("default")), parse("keyring://openai/default"));
  }

  @Test
  void serviceAlone() {
    assertEquals(new ServiceAccount("openai", Optional.empty()), parse("keychain://openai"));
  }

  @Test
  void accountKeepsLaterSlashes() {
    assertEquals(Optional.of("team/ci"), parse("secret-service://github/team/ci").account());
  }

  @Test
  void emptyServiceIsInvalid() {
    assertThrows(InvalidReferenceException.class, () -> parse("keyring:///acct"));
    assertThrows(InvalidReferenceException.class, () -> parse("keyring://"));
  }

  @Test
  void emptyAccountIsInvalid() {
    assertThrows(InvalidReferenceException.class, () -> parse("keyring://svc/"));
  }

  @Test
  void controlCharacterIsInvalid() {
    assertThrows(InvalidReferenceException.class, () -> parse("keyring://svc\n/a"));
    assertThrows(InvalidReferenceException.class, () -> parse("keyring://svc/a\tb"));
  }

  @Test
  void labelJoinsWithSlash() {
    assertEquals("svc/acct", parse("keyring://svc/acct").label());
    assertEquals("svc", parse("keyring://svc").label());
  }
}
