package dev.keyrun.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCheckerTest {
  private static final String VALUE = "sk-present-0123456789";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path home;

  @Test
  void eachKeyGetsItsOwnResult() {
    List<KeyCheck> checks =
        check(
            candidate("PRESENT", true, reference("env://PRESENT_SOURCE")),
            candidate("ABSENT", true, reference("env://NOT_SET")),
            candidate("OPTIONAL", false, reference("env://NOT_SET_EITHER")),
            candidate("PLAIN", true, new Piece("8080", false)));

    assertEquals(KeyCheck.State.OK, checks.get(0).state());
    assertNull(checks.get(0).problem());
    assertEquals(KeyCheck.State.FAILED, checks.get(1).state());
    assertTrue(checks.get(1).problem().startsWith("env://NOT_SET"), checks.get(1).problem());
    assertEquals(KeyCheck.State.UNAVAILABLE, checks.get(2).state());
    assertFalse(checks.get(2).fails());
    assertEquals(KeyCheck.State.OK, checks.get(3).state());
    assertEquals(List.of(), checks.get(3).references());
  }

  @Test
  void composedValueFailsOnItsFirstMissingReference() {
    List<KeyCheck> checks =
        check(
            candidate(
                "URL",
                true,
                new Piece("postgres://app:", false),
                reference("env://PRESENT_SOURCE"),
                new Piece("@", false),
                reference("env://NO_HOST")));

    KeyCheck url = checks.get(0);
    assertEquals(KeyCheck.State.FAILED, url.state());
    assertEquals(List.of("env://PRESENT_SOURCE", "env://NO_HOST"), url.references());
    assertTrue(url.problem().startsWith("env://NO_HOST"), url.problem());
  }

  @Test
  void reportsNeverContainTheValue() {
    List<KeyCheck> checks =
        check(
            candidate("PRESENT", true, reference("env://PRESENT_SOURCE")),
            candidate("ABSENT", true, reference("env://NOT_SET")));
    CheckReport report = new CheckReport(checks);

    assertFalse(report.text().contains(VALUE), report.text());
    assertFalse(report.json().contains(VALUE), report.json());
    assertFalse(checks.toString().contains(VALUE));
    assertTrue(report.failed());
    assertEquals(1, report.failures());
  }

  @Test
  void textGivesOneLinePerKey() {
    CheckReport report =
        new CheckReport(
            check(
                candidate("PRESENT", true, reference("env://PRESENT_SOURCE")),
                candidate("ABSENT", true, reference("env://NOT_SET"))));

    List<String> lines = report.text().lines().toList();

    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("ok      PRESENT  env://PRESENT_SOURCE"), lines.get(0));
    assertTrue(lines.get(1).startsWith("fail    ABSENT   env://NOT_SET"), lines.get(1));
  }

  @Test
  void jsonNamesStatusAndProblem() {
    CheckReport report =
        new CheckReport(check(candidate("ABSENT", true, reference("env://NOT_SET"))));

    String json = report.json();

    assertTrue(json.startsWith("{\"ok\":false,\"keys\":[{\"key\":\"ABSENT\",\"status\":\"fail\""));
    assertTrue(json.contains("\"references\":[\"env://NOT_SET\"]"), json);
    assertTrue(json.contains("\"problem\":\"env://NOT_SET"), json);
  }

  private List<KeyCheck> check(KeyChecker.Candidate... candidates) {
    Map<String, byte[]> environment =
        Map.of("PRESENT_SOURCE", VALUE.getBytes(StandardCharsets.UTF_8));
    StoreContext context = new StoreContext(environment, home, Instant.now().plus(TIMEOUT));
    KeyChecker checker = new KeyChecker(new Resolver(BackendRegistry.load()));
    return checker.check(List.of(candidates), context, TIMEOUT);
  }

  private static KeyChecker.Candidate candidate(String key, boolean required, Piece... pieces) {
    ExpandedValue value = new ExpandedValue(key, List.of(pieces), ".env", 1, false);
    return new KeyChecker.Candidate(key, value, ".env:1", required);
  }

  private static Piece reference(String text) {
    return new Piece(text, true);
  }
}
