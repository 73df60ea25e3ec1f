package dev.keyrun.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses TOML with Jackson's TOML module into plain Java values: a table becomes a {@link Map}, an
 * array a {@link List}, and a scalar a {@link String}, {@link Number} or {@link Boolean}. Dates and
 * times stay strings. This is the only class of the config package that uses Jackson, so that
 * keyrun loads none of it when no config file exists.
 *
 * <p>The tokens are read from the parser directly: an ObjectMapper would cost more to create than
 * the whole file costs to parse.
 */
final class TomlTree {
  private static final TomlFactory FACTORY = new TomlFactory();

  private TomlTree() {}

  /**
   * Returns the top-level table of {@code config}.
   *
   * @throws dev.keyrun.KeyrunException for invalid TOML, naming the line Jackson reports
   */
  static Map<String, Object> parse(ConfigText config) {
    try (JsonParser parser = FACTORY.createParser(config.text())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw config.failure(0, "is not a TOML table", "write key = value lines");
      }
      return table(parser);
    } catch (JsonProcessingException e) {
      throw config.failure(
          line(config, e), "invalid TOML: " + reason(e), "fix the TOML syntax there");
    } catch (IOException e) {
      throw config.failure(0, "cannot be parsed: " + e.getMessage(), null);
    }
  }

  private static Map<String, Object> table(JsonParser parser) throws IOException {
    Map<String, Object> table = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      table.put(name, value(parser));
    }
    return table;
  }

  private static List<Object> array(JsonParser parser) throws IOException {
    List<Object> array = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(parser));
    }
    return array;
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> table(parser);
      case START_ARRAY -> array(parser);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
      default -> parser.getText();
    };
  }

  /**
   * Returns the line of a syntax error. Jackson 2.23 reports a duplicate key at the position after
   * the whole key-value line, comments and blank lines included, so that line is found in the text.
   */
  private static int line(ConfigText config, JsonProcessingException e) {
    if ("Duplicate key".equals(reason(e))) {
      Optional<Integer> redefinition = TomlLines.firstRedefinition(config.text());
      if (redefinition.isPresent()) {
        return redefinition.get();
      }
    }
    JsonLocation location = e.getLocation();
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  /** Returns Jackson's message without the location it appends, which the subject already has. */
  private static String reason(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    return message == null ? e.getClass().getSimpleName() : message.strip();
  }
}
