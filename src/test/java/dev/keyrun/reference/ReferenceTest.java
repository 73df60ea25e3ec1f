package dev.keyrun.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.ExitCode;
import dev.keyrun.KeyrunException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
    Reference reference = Reference.require(value, "hint");

    assertEquals(value, reference.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "keyrng://openai/sk-live-abc, keyring://",
    "dotnev:sk-live-abc, dotenv:",
    "Env:sk-live-abc, env://",
    "FILE:/run/sk-live-abc, file://",
    "secretservice://sk-live-abc, secret-service://",
    "op:sk-live-abc, op://"
  })
  void requireSuggestsMisspeltScheme(String value, String suggestion) {
    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> Reference.require(value, "hint"));

    assertEquals(ExitCode.KEYRUN_FAILED, failure.exitCode());
    assertTrue(failure.problem().contains("did you mean " + suggestion), failure.problem());
    assertFalse(failure.getMessage().contains("sk-live-abc"), failure.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-live-abc",
        "hunter2 with spaces",
        "ghp_abc:def",
        "12:34",
        "hunter2secretpw:x",
        "vault://kv/sk-live-abc",
        "https://user:sk-live-abc@example.com"
      })
  void requireNeverEchoesPastedValue(String value) {
    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> Reference.require(value, "hint"));

    assertEquals(ExitCode.KEYRUN_FAILED, failure.exitCode());
    assertFalse(failure.getMessage().contains(value), failure.getMessage());
    assertFalse(failure.getMessage().contains(value.substring(0, 5)), failure.getMessage());
    assertFalse(failure.subject().contains(value), failure.subject());
    assertFalse(failure.problem().contains(value), failure.problem());
  }

  @Test
  void requirePassesCallersHint() {
    KeyrunException failure =
        assertThrows(
            KeyrunException.class, () -> Reference.require("sk-live-abc", "use dotenv:KEY"));

    assertTrue(failure.hint().endsWith("use dotenv:KEY"), failure.hint());
  }

  @Test
  void bareNameGetsDotenvHint() {
    KeyrunException failure =
        assertThrows(KeyrunException.class, () -> Reference.require("OPENAI_API_KEY", "hint"));

    assertTrue(failure.hint().startsWith("a key of the dotenv store is written dotenv:KEY"));
    assertFalse(failure.hint().contains("OPENAI_API_KEY"), failure.hint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ok:x", "dev:fast", "http://x", "mode:prod"})
  void shortOrDistantNamesSuggestNothing(String value) {
    assertEquals(Optional.empty(), Scheme.closestTo(value));
  }

  @Test
  void equalReferencesShareHashCode() {
    Reference first = Reference.parse("keyring://openai/default").orElseThrow();
    Reference same = Reference.parse("keyring://openai/default").orElseThrow();
    Reference otherScheme = Reference.parse("keychain://openai/default").orElseThrow();
    Reference otherBody = Reference.parse("keyring://openai/other").orElseThrow();

    assertEquals(first, same);
    assertEquals(first.hashCode(), same.hashCode());
    assertNotEquals(first, otherScheme);
    assertNotEquals(first, otherBody);
    assertNotEquals(first, "keyring://openai/default");
  }
}
