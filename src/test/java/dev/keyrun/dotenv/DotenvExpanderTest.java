package dev.keyrun.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DotenvExpanderTest {

  private static final String SOURCE = "app.env";
  private static final Predicate<String> KEYRING = text -> text.startsWith("keyring://");
  private static final Function<String, String> NO_ENVIRONMENT = name -> null;

  @Test
  void referenceVariableSplicesIntoComposedValue() {
    Map<String, ExpandedValue> values =
        expand("DB_PASS=keyring://db/app\nURL=postgres://app:${DB_PASS}@db/app\n");

    List<Piece> expected =
        List.of(
            new Piece("postgres://app:", false),
            new Piece("keyring://db/app", true),
            new Piece("@db/app", false));
    assertEquals(expected, values.get("URL").pieces());
    assertFalse(values.get("URL").isPlain());
    assertFalse(values.get("URL").isReference());
  }

  @Test
  void referenceValueIsOneReferencePiece() {
    ExpandedValue value = expand("DB_PASS=keyring://db/app\n").get("DB_PASS");

    assertTrue(value.isReference());
    assertEquals(List.of(new Piece("keyring://db/app", true)), value.pieces());
  }

  @Test
  void composedTextNamingStoreBecomesReference() {
    ExpandedValue value = expand("APP=billing\nTOKEN=keyring://${APP}/token\n").get("TOKEN");

    assertTrue(value.isReference());
    assertEquals("keyring://billing/token", value.pieces().get(0).text());
  }

  @Test
  void environmentReferenceBecomesReferencePiece() {
    Map<String, String> environment = Map.of("INHERITED", "keyring://ci/token");

    ExpandedValue value =
        DotenvExpander.parseAndExpand(SOURCE, "T=Bearer ${INHERITED}", environment::get, KEYRING)
            .get("T");

    List<Piece> expected =
        List.of(new Piece("Bearer ", false), new Piece("keyring://ci/token", true));
    assertEquals(expected, value.pieces());
  }

  @Test
  void plainTextRejectsUnresolvedReference() {
    ExpandedValue value = expand("DB_PASS=keyring://db/app\n").get("DB_PASS");

    IllegalStateException error = assertThrows(IllegalStateException.class, value::plainText);

    assertFalse(error.getMessage().contains("keyring://"));
  }

  @Test
  void emptyValueHasNoPieces() {
    ExpandedValue value = expand("EMPTY=\n").get("EMPTY");

    assertTrue(value.pieces().isEmpty());
    assertTrue(value.isPlain());
    assertEquals("", value.plainText());
  }

  @Test
  void defaultReplacesEmptyValueOnly() {
    Map<String, ExpandedValue> values =
        expand("EMPTY=\nPASS=keyring://db/app\nA=${EMPTY:-x}\nB=${PASS:-x}\n");

    assertEquals("x", values.get("A").plainText());
    assertTrue(values.get("B").isReference());
  }

  @Test
  void lastAssignmentWinsAtFirstPosition() {
    Map<String, ExpandedValue> values = expand("A=1\nB=${A}\nA=2\n");

    assertEquals(List.of("A", "B"), List.copyOf(values.keySet()));
    assertEquals("2", values.get("A").plainText());
    assertEquals(3, values.get("A").line());
    assertEquals("1", values.get("B").plainText());
  }

  @Test
  void fileValueShadowsEnvironment() {
    Map<String, String> environment = Map.of("HOST", "from-environment");

    Map<String, ExpandedValue> values =
        DotenvExpander.parseAndExpand(
            SOURCE, "HOST=db\nURL=${HOST}:5432", environment::get, KEYRING);

    assertEquals("db:5432", values.get("URL").plainText());
  }

  @Test
  void undefinedVariableNamesItsLine() {
    DotenvSyntaxException error =
        assertThrows(DotenvSyntaxException.class, () -> expand("A=1\nB=\"x\n${NOPE}\"\n"));

    assertEquals("app.env:3: undefined variable ${NOPE}", error.getMessage());
    assertEquals("NOPE", error.variable());
  }

  @Test
  void errorsAreReportedInFileOrder() {
    String text = "A=${NOPE}\nB=${X:-${Y}}\n";

    DotenvSyntaxException oneStep = assertThrows(DotenvSyntaxException.class, () -> expand(text));
    DotenvSyntaxException parseOnly =
        assertThrows(DotenvSyntaxException.class, () -> DotenvParser.parse(SOURCE, text));

    assertEquals(1, oneStep.line());
    assertEquals("NOPE", oneStep.variable());
    assertEquals(2, parseOnly.line());
  }

  @Test
  void expandWithoutSourceNamesUnknownSource() {
    List<DotenvEntry> entries = DotenvParser.parse(SOURCE, "A=1\n");

    Map<String, ExpandedValue> values = DotenvExpander.expand(entries, NO_ENVIRONMENT, KEYRING);

    assertEquals(DotenvExpander.UNKNOWN_SOURCE, values.get("A").source());
  }

  @Test
  void valueToStringHidesText() {
    Map<String, ExpandedValue> values = expand("PASS=hunter2\nREF=keyring://db/app\n");

    assertFalse(values.get("PASS").toString().contains("hunter2"));
    assertFalse(values.get("PASS").pieces().get(0).toString().contains("hunter2"));
    assertTrue(values.get("REF").pieces().get(0).toString().contains("keyring://db/app"));
  }

  private static LinkedHashMap<String, ExpandedValue> expand(String text) {
    return DotenvExpander.parseAndExpand(SOURCE, text, NO_ENVIRONMENT, KEYRING);
  }
}
