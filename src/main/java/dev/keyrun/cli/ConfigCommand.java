package dev.keyrun.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keyrun.KeyrunException;
import dev.keyrun.config.Setting;
import dev.keyrun.config.Source;
import dev.keyrun.config.UserConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun config}: shows each effective setting, its value and where it came from, and {@code
 * keyrun config path} prints where the config file is. It only shows: references are never
 * resolved, and a token reference that is not a reference is hidden, since it may be a token.
 */
final class ConfigCommand {
  private static final String HIDDEN = "(hidden: not a reference)";
  private static final String NONE = "(none)";

  private final PrintStream stdout;
  private final Services services = new Services();

  ConfigCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  static CommandSpec spec() {
    CommandSpec config = CommandSpecs.command("config");
    config
        .usageMessage()
        .description(
            "Show each setting of keyrun on this machine, its value and its source: an"
                + " environment variable, a line of $XDG_CONFIG_HOME/keyrun/config.toml"
                + " (default: ~/.config/keyrun/config.toml), or the built-in default. Settings:"
                + " profile, dotenv.store, op.service-account-token, keyring, credstore.path,"
                + " timeout, mask, rotation.max-age-days.");
    config.addOption(CommandSpecs.format("text (default: a table) or json (one object)."));
    CommandSpec path = CommandSpecs.command("path");
    path.usageMessage().description("Print the path of the config file, whether or not it exists.");
    config.addSubcommand("path", path);
    return config;
  }

  int show(ParseResult parsed) throws IOException {
    if (parsed.subcommand() != null) {
      stdout.println(UserConfig.locate(services.environment(), services.home()));
      return finish();
    }

    boolean json = ProjectFiles.jsonFormat(parsed);
    UserConfig config = services.config();
    stdout.print(json ? json(config) : text(config));
    return finish();
  }

  private String text(UserConfig config) {
    StringBuilder text = new StringBuilder();
    text.append("config file: ").append(config.file());
    if (!config.fileFound()) {
      text.append(" (not found; create it to change the defaults below: keyrun config --help)");
    }
    text.append('\n');

    List<UserConfig.Effective> settings = config.settings();
    int keyWidth = "SETTING".length();
    int valueWidth = "VALUE".length();
    for (UserConfig.Effective effective : settings) {
      keyWidth = Math.max(keyWidth, effective.setting().key().length());
      valueWidth = Math.max(valueWidth, display(effective).length());
    }
    String row = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
    text.append(String.format(row, "SETTING", "VALUE", "SOURCE"));
    for (UserConfig.Effective effective : settings) {
      text.append(
          String.format(
              row,
              effective.setting().key(),
              Main.visible(display(effective)),
              Main.visible(effective.source().describe())));
    }
    return text.toString();
  }

  private static String json(UserConfig config) throws IOException {
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(json)) {
      generator.writeStartObject();
      generator.writeStringField("file", config.file().toString());
      generator.writeBooleanField("found", config.fileFound());
      generator.writeObjectFieldStart("settings");
      for (UserConfig.Effective effective : config.settings()) {
        generator.writeObjectFieldStart(effective.setting().key());
        writeValue(generator, effective);
        writeSource(generator, effective.source());
        generator.writeEndObject();
      }
      generator.writeEndObject();
      generator.writeEndObject();
    }
    return json + "\n";
  }

  private static void writeValue(JsonGenerator generator, UserConfig.Effective effective)
      throws IOException {
    generator.writeFieldName("value");
    Object value = effective.value();
    if (value == null) {
      generator.writeNull();
    } else if (isHidden(effective)) {
      generator.writeString(HIDDEN);
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        generator.writeString(item.toString());
      }
      generator.writeEndArray();
    } else {
      generator.writeString(value.toString());
    }
  }

  private static void writeSource(JsonGenerator generator, Source source) throws IOException {
    switch (source.kind()) {
      case DEFAULT -> generator.writeStringField("source", "default");
      case CONFIG_FILE -> {
        generator.writeStringField("source", "config");
        generator.writeStringField("file", source.file().toString());
        generator.writeNumberField("line", source.line());
      }
      case ENVIRONMENT -> {
        generator.writeStringField("source", "environment");
        generator.writeStringField("variable", source.variable());
      }
    }
  }

  /** Returns a value as the text table shows it. */
  private static String display(UserConfig.Effective effective) {
    Object value = effective.value();
    if (value == null) {
      return NONE;
    }
    if (isHidden(effective)) {
      return HIDDEN;
    }
    if (value instanceof List<?> list) {
      return String.join(":", list.stream().map(Object::toString).toList());
    }
    return value instanceof Path path ? path.toString() : value.toString();
  }

  /**
   * Tells whether a value must not be shown: a token setting that is not a reference may be the
   * token itself. The config file rejects such a value, but KEYRUN_OP_TOKEN_REF is checked only
   * when 1Password is used.
   */
  private static boolean isHidden(UserConfig.Effective effective) {
    return effective.setting() == Setting.OP_SERVICE_ACCOUNT_TOKEN
        && effective.value() instanceof String text
        && !UserConfig.isTokenReference(text);
  }

  private int finish() {
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed(
          "stdout", "writing the settings failed", "check where the output of keyrun config goes");
    }
    return 0;
  }
}
