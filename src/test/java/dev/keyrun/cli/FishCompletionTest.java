package dev.keyrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class FishCompletionTest {

  /** Builds a tool with one flag, one option with a value and a subcommand with a nested one. */
  private static CommandSpec smallSpec() {
    CommandSpec tool = CommandSpec.create().name("tool");
    tool.addOption(
        OptionSpec.builder("-q", "--quiet").type(boolean.class).description("Say less.").build());
    tool.addOption(
        OptionSpec.builder("--config")
            .paramLabel("FILE")
            .type(Path.class)
            .description("Read FILE. It's optional.")
            .build());
    CommandSpec get = CommandSpec.create().name("get");
    get.usageMessage().description("Get a value.");
    CommandSpec deep = CommandSpec.create().name("deep");
    deep.usageMessage().description("Go deeper.");
    get.addSubcommand("deep", deep);
    tool.addSubcommand("get", get);
    return tool;
  }

  @Test
  void smallSpecScript() {
    String script = FishCompletion.script(smallSpec());

    assertTrue(script.contains("function __tool_before_double_dash\n"), script);
    assertTrue(
        script.contains(
            "complete -c tool -n '__fish_use_subcommand; and __tool_before_double_dash'"
                + " -a 'get' -d 'Get a value'\n"),
        script);
    assertTrue(
        script.contains(
            "complete -c tool -n '__fish_use_subcommand; and __tool_before_double_dash'"
                + " -s q -l quiet -d 'Say less'\n"),
        script);
    assertTrue(
        script.contains(
            "complete -c tool -n '__fish_use_subcommand; and __tool_before_double_dash'"
                + " -l config -r -d 'Read FILE'\n"),
        script);
    assertTrue(
        script.contains(
            "complete -c tool -n '__fish_seen_subcommand_from get; and not"
                + " __fish_seen_subcommand_from deep; and __tool_before_double_dash'"
                + " -a 'deep' -d 'Go deeper'\n"),
        script);
  }

  @Test
  void hiddenSubcommandLeftOut() {
    CommandSpec tool = smallSpec();
    CommandSpec secret = CommandSpec.create().name("internal");
    secret.usageMessage().hidden(true);
    tool.addSubcommand("internal", secret);

    assertTrue(!FishCompletion.script(tool).contains("internal"));
  }

  @Test
  void quoteEscapesQuoteAndBackslash() {
    assertEquals("'it\\'s a \\\\ b'", FishCompletion.quote("it's a \\ b"));
  }

  @Test
  void summaryKeepsFirstSentence() {
    assertEquals("Read FILE", FishCompletion.summary(new String[] {"Read FILE. More text."}));
    assertEquals("", FishCompletion.summary(new String[0]));
  }
}
