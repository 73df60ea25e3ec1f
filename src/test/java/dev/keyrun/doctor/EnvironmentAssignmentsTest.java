package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyrun.doctor.EnvironmentAssignments.Assignment;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentAssignmentsTest {

  @Test
  void severalAssignmentsOnOneLine() {
    assertEquals(
        List.of(new Assignment("A", "1"), new Assignment("B", "two")),
        EnvironmentAssignments.parse("A=1   B=two"));
  }

  @Test
  void quotesAroundWholeAssignment() {
    assertEquals(
        List.of(new Assignment("VAR1", "word1 word2"), new Assignment("VAR2", "word3")),
        EnvironmentAssignments.parse("\"VAR1=word1 word2\" VAR2=word3"));
  }

  @Test
  void quotesAroundValue() {
    assertEquals(
        List.of(new Assignment("A", "b c"), new Assignment("D", "it's")),
        EnvironmentAssignments.parse("A=\"b c\" D=\"it's\""));
  }

  @Test
  void singleQuotesAndEscapes() {
    assertEquals(
        List.of(new Assignment("A", "x y"), new Assignment("B", "a\"b c")),
        EnvironmentAssignments.parse("'A=x y' B=a\\\"b\\ c"));
  }

  @Test
  void wordsWithoutNameAreIgnored() {
    assertEquals(List.of(new Assignment("B", "")), EnvironmentAssignments.parse("junk =x B= \"\""));
  }

  @Test
  void unterminatedQuoteRunsToEnd() {
    assertEquals(List.of(new Assignment("A", "b c")), EnvironmentAssignments.parse("A=\"b c"));
  }
}
