package dev.keyrun.toml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TOML text into plain Java values: a {@code Map} in file order for each table, a {@code
 * List} for each array, and {@code String}, {@code Boolean} and {@code Number} values. Dates and
 * times stay strings. This is the only class that parses TOML with Jackson, and a run that reads no
 * config file and no manifest never reaches it, so such a run loads no Jackson class.
 *
 * <p>It reads the tokens of Jackson's {@link TomlFactory} instead of using {@code TomlMapper},
 * because building an {@code ObjectMapper} loads and initialises hundreds of databind classes.
 * Reading a 5-key manifest that way took about 110 ms more than reading its tokens, in a JVM
 * without a start-up cache (JDK 17, C1 only, two runs each on 2 shared cores).
 */
public final class TomlTree {
  private static final TomlFactory FACTORY = new TomlFactory();

  private TomlTree() {}

  /**
   * Returns the document's top-level table; an empty text is an empty table.
   *
   * @throws TomlSyntaxException for malformed TOML, with the line Jackson reports, or for a
   *     repeated key the line of the repetition
   */
  public static Map<String, Object> read(String content) throws TomlSyntaxException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new LinkedHashMap<>();
      }
      return table(parser);
    } catch (JacksonException e) {
      throw new TomlSyntaxException(reason(e), line(content, e), e);
    } catch (IOException e) {
      // A parser reading a string has no I/O of its own to fail.
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> table(JsonParser parser) throws IOException {
    Map<String, Object> table = new LinkedHashMap<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String name = parser.currentName();
      table.put(name, value(parser, parser.nextToken()));
    }
    return table;
  }

  private static List<Object> array(JsonParser parser) throws IOException {
    List<Object> array = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      array.add(value(parser, token));
    }
    return array;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> table(parser);
      case START_ARRAY -> array(parser);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_EMBEDDED_OBJECT -> String.valueOf(parser.getEmbeddedObject());
      default -> parser.getText();
    };
  }

  /**
   * Returns the line of a syntax error. Jackson 2.23 reports a duplicate key at the position after
   * the whole key-value line, comments and blank lines included, so that line is found in the text.
   */
  private static int line(String content, JacksonException e) {
    if ("Duplicate key".equals(reason(e))) {
      int repeated = new TomlLines(content).repeatedKeyLine();
      if (repeated > 0) {
        return repeated;
      }
    }
    JsonLocation location = e.getLocation();
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  /**
   * Returns Jackson's message without the location it appends, in plain words for the messages a
   * typo causes most often. {@code Duplicate key} and the other short reasons stay as they are,
   * since callers match them.
   */
  private static String reason(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    message = message.strip();
    if (message.startsWith("Unknown token")) {
      return "a value that is not TOML (text needs double quotes)";
    }
    if (message.startsWith("More data after value has already ended")) {
      return "more text after the value";
    }
    if (message.startsWith("Newline not permitted here")) {
      return "the line ends too early (an unclosed [table] header, or a key without = value)";
    }
    return message;
  }
}
