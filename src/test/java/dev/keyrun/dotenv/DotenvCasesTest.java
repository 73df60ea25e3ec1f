package dev.keyrun.dotenv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code dotenv-cases.json}: inputs taken from the test suites of other dotenv
 * parsers, each with the result this dialect must give. A case expects either the exact values in
 * key order, or an error with its line, reason and, for an undefined variable, the variable name.
 */
class DotenvCasesTest {

  private static final String SOURCE = ".env";
  private static final Predicate<String> NO_REFERENCES = text -> false;

  @TestFactory
  Stream<DynamicTest> everyCaseGivesExpectedResult() throws IOException {
    JsonNode cases = readCases();

    assertTrue(cases.size() > 0, "no cases in dotenv-cases.json");
    return StreamSupport.stream(cases.spliterator(), false)
        .map(testCase -> dynamicTest(testCase.get("id").asText(), () -> check(testCase)));
  }

  private static JsonNode readCases() throws IOException {
    try (InputStream in = DotenvCasesTest.class.getResourceAsStream("/dotenv-cases.json")) {
      assertTrue(in != null, "dotenv-cases.json is missing from the test resources");
      return new ObjectMapper().readTree(in);
    }
  }

  private static void check(JsonNode testCase) {
    byte[] content = testCase.get("input").asText().getBytes(UTF_8);
    Map<String, String> environ = stringMap(testCase.get("environ"));
    JsonNode expected = testCase.get("keyrun");

    if (expected.get("ok").asBoolean()) {
      checkValues(content, environ, stringMap(expected.get("values")));
    } else {
      checkError(content, environ, expected);
    }
  }

  private static void checkValues(
      byte[] content, Map<String, String> environ, Map<String, String> expected) {
    Map<String, ExpandedValue> oneStep =
        assertDoesNotThrow(
            () -> DotenvExpander.parseAndExpand(SOURCE, content, environ::get, NO_REFERENCES));
    Map<String, String> actual = plainTexts(oneStep);

    assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), "key order");
    assertEquals(expected, actual, "values");

    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, content);
    Map<String, ExpandedValue> twoSteps =
        DotenvExpander.expand(SOURCE, entries, environ::get, NO_REFERENCES);
    assertEquals(actual, plainTexts(twoSteps), "values from parse, then expand");
  }

  private static void checkError(byte[] content, Map<String, String> environ, JsonNode expected) {
    DotenvSyntaxException error =
        assertThrows(
            DotenvSyntaxException.class,
            () -> DotenvExpander.parseAndExpand(SOURCE, content, environ::get, NO_REFERENCES));

    assertEquals(expected.get("line").asInt(), error.line(), "line");
    assertEquals(expected.get("reason").asText(), error.reason(), "reason");
    JsonNode variable = expected.get("variable");
    assertEquals(variable == null ? null : variable.asText(), error.variable(), "variable");

    assertThrows(
        DotenvSyntaxException.class,
        () ->
            DotenvExpander.expand(DotenvParser.parse(SOURCE, content), environ::get, NO_REFERENCES),
        "parse, then expand");
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
    return map;
  }

  private static Map<String, String> plainTexts(Map<String, ExpandedValue> values) {
    Map<String, String> texts = new LinkedHashMap<>();
    values.forEach((key, value) -> texts.put(key, value.plainText()));
    return texts;
  }
}
