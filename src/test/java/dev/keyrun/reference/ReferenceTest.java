package dev.keyrun.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "op://vault/item/field, OP, vault/item/field",
    "keychain://service/account, KEYCHAIN, service/account",
    "secret-service://app/token, SECRET_SERVICE, app/token",
    "keyring://service/user, KEYRING, service/user",
    "dotenv:API_KEY, DOTENV, API_KEY",
    "dotenv:/etc/team.env#API_KEY, DOTENV, /etc/team.env#API_KEY",
    "systemd-creds://db-password, SYSTEMD_CREDS, db-password",
    "env://LEGACY_TOKEN, ENV, LEGACY_TOKEN",
    "file:///run/secrets/db_password, FILE, /run/secrets/db_password"
  })
  void schemePrefixParsesToReference(String value, Scheme scheme, String body) {
    Optional<Reference> parsed = Reference.parse(value);

    assertTrue(parsed.isPresent(), value + " did not parse");
    assertEquals(scheme, parsed.get().scheme());
    assertEquals(body, parsed.get().body());
    assertEquals(value, parsed.get().toString());
    assertTrue(Reference.isReference(value));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void everySchemeIsRecognised(Scheme scheme) {
    String value = scheme.prefix() + "x";

    assertEquals(Optional.of(scheme), Scheme.of(value));
    assertEquals(Optional.of(new Reference(scheme, "x")), Reference.parse(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/callback",
        "postgres://app:pw@db.internal:5432/app",
        "redis://cache:6379",
        "plain text",
        "sk-live-abc",
        "",
        "OP://vault/item",
        "Env://NAME",
        "env:NAME",
        "file:/etc/passwd",
        "dotenv",
        " dotenv:KEY"
      })
  void otherValuesArePlain(String value) {
    assertFalse(Reference.isReference(value));
    assertEquals(Optional.empty(), Reference.parse(value));
    assertEquals(Optional.empty(), Scheme.of(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"op://vault/item/field", "dotenv:API_KEY", "env://HOME"})
  void requireAcceptsKnownScheme(String value) {
    Reference reference = Reference.require(value);

    assertEquals(value, reference.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "vault://kv/sk-live-abc, 'vault:', kv/sk-live-abc",
    "https://user:sk-live-abc@example.com, 'https:', sk-live-abc",
    "aws-sm:prod/sk-live-abc, 'aws-sm:', sk-live-abc"
  })
  void requireShowsOnlyUnknownScheme(String value, String scheme, String rest) {
    KeyrunException failure = assertThrows(KeyrunException.class, () -> Reference.require(value));

    assertEquals(ExitCode.KEYRUN_FAILED, failure.exitCode());
    assertTrue(failure.getMessage().contains(scheme), failure.getMessage());
    assertFalse(failure.getMessage().contains(rest), failure.getMessage());
    assertFalse(failure.subject().contains(rest), failure.subject());
    assertFalse(failure.problem().contains(rest), failure.problem());
    assertFalse(failure.hint().contains(rest), failure.hint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-live-abc", "hunter2 with spaces", "ghp_abc:def", "12:34"})
  void requireNeverEchoesPastedValue(String value) {
    KeyrunException failure = assertThrows(KeyrunException.class, () -> Reference.require(value));

    assertEquals(ExitCode.KEYRUN_FAILED, failure.exitCode());
    assertFalse(failure.getMessage().contains(value), failure.getMessage());
    assertFalse(failure.subject().contains(value), failure.subject());
    assertFalse(failure.problem().contains(value), failure.problem());
    assertFalse(failure.hint().contains(value), failure.hint());
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void requireHintListsEveryScheme(Scheme scheme) {
    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> Reference.require("sk-live-abc"));

    assertTrue(failure.hint().contains(scheme.prefix()), failure.hint());
  }
}
