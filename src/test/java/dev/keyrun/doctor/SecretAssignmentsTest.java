package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretAssignmentsTest {
  private static final String PASSWORD = "hunter2-but-longer";
  private static final String GITHUB_VALUE = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

  @Test
  void secretLookingNames() {
    for (String name :
        List.of(
            "API_KEY",
            "OPENAI_API_KEY",
            "AUTH_TOKEN",
            "DB_PASSWORD",
            "SMTP_PASSWD",
            "CLIENT_SECRET",
            "AWS_CREDENTIALS",
            "BASIC_AUTH",
            "github.token",
            "APIKEY")) {
      assertTrue(SecretAssignments.looksSecret(name), name);
    }
  }

  @Test
  void harmlessNames() {
    for (String name :
        List.of(
            "KEYRUN_PROFILE",
            "SSH_AUTH_SOCK",
            "TOKEN_FILE",
            "API_KEY_FILE",
            "OS_AUTH_URL",
            "AWS_ACCESS_KEY_ID",
            "KEYRUN_OP_TOKEN_REF",
            "PASSWORD_MIN_LENGTH",
            "MONKEY",
            "AUTHOR",
            "LOG_LEVEL")) {
      assertFalse(SecretAssignments.looksSecret(name), name);
    }
  }

  @Test
  void secretNameRedactsValue() {
    assertEquals(
        Optional.of("...(18 chars) under a name that looks secret"),
        SecretAssignments.describe("DB_PASSWORD", PASSWORD));
  }

  @Test
  void keyFormatUnderAnyName() {
    assertEquals(
        Optional.of("ghp_...(40 chars), an API key in the GitHub format"),
        SecretAssignments.describe("LOG_LEVEL", GITHUB_VALUE));
  }

  @Test
  void urlWithPassword() {
    Optional<String> url = SecretAssignments.describe("DATABASE_URL", "postgres://app:pw@db/app");

    assertEquals(Optional.of("postgres://...(24 chars), a URL with a password"), url);
    assertEquals(Optional.empty(), SecretAssignments.describe("HOME_URL", "https://example.org/a"));
  }

  @Test
  void harmlessValuesOfSecretNames() {
    for (String value :
        List.of(
            "",
            "keyring://app/api_key",
            "systemd-creds://api",
            "true",
            "0",
            "%d/api_key",
            "/etc/ssl/private/app.key",
            "${CREDENTIALS_DIRECTORY}/token")) {
      assertEquals(Optional.empty(), SecretAssignments.describe("API_KEY", value), value);
    }
  }

  @Test
  void descriptionNeverContainsValue() {
    for (String name : List.of("DB_PASSWORD", "LOG_LEVEL")) {
      for (String value : List.of(PASSWORD, GITHUB_VALUE)) {
        Optional<String> description = SecretAssignments.describe(name, value);
        description.ifPresent(text -> assertFalse(text.contains(value), text));
      }
    }
  }
}
