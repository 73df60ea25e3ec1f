package dev.keyrun.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TOML text into plain Java values: a {@code Map} in file order for each table, a {@code
 * List} for each array, and {@code String}, {@code Boolean} and {@code Number} values. Dates and
 * times stay strings.
 *
 * <p>It reads the tokens of Jackson's {@link TomlFactory} instead of using {@code TomlMapper},
 * because building an {@code ObjectMapper} loads and initialises hundreds of databind classes.
 * Reading a 5-key manifest that way took about 110 ms more than reading its tokens, in a JVM
 * without a start-up cache (JDK 17, C1 only, two runs each on 2 shared cores).
 */
final class TomlTree {
  private static final TomlFactory FACTORY = new TomlFactory();

  private TomlTree() {}

  /**
   * Returns the document's top-level table.
   *
   * @throws com.fasterxml.jackson.core.JacksonException for malformed TOML, with its location
   */
  static Map<String, Object> read(String content) throws IOException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new LinkedHashMap<>();
      }
      return table(parser);
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
    switch (token) {
      case START_OBJECT:
        return table(parser);
      case START_ARRAY:
        return array(parser);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberValue();
      case VALUE_EMBEDDED_OBJECT:
        return String.valueOf(parser.getEmbeddedObject());
      default:
        return parser.getText();
    }
  }
}
