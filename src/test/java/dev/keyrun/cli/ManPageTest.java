package dev.keyrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class ManPageTest {

  @Test
  void escapeBackslash() {
    assertEquals("a\\eb", ManPage.escape("a\\b"));
  }

  @Test
  void escapeLeadingDotAndQuote() {
    assertEquals("\\&.env is read", ManPage.escape(".env is read"));
    assertEquals("\\&'quoted' word", ManPage.escape("'quoted' word"));
    assertEquals("read .env", ManPage.escape("read .env"));
  }

  @Test
  void escapeHyphensOfOptionsOnly() {
    assertEquals("use \\-\\-as\\-files \\-\\- cmd", ManPage.escape("use --as-files -- cmd"));
    assertEquals("comma-separated (\\-\\-only)", ManPage.escape("comma-separated (--only)"));
  }

  @Test
  void optionTagNamesAndValue() {
    OptionSpec option =
        OptionSpec.builder("-e", "--env-file").paramLabel("FILE").type(String.class).build();

    assertEquals("\\fB\\-e\\fR, \\fB\\-\\-env\\-file\\fR=\\fIFILE\\fR", ManPage.optionTag(option));
  }

  @Test
  void pageHasEverySection() {
    String page = ManPage.page(CommandSpecs.keyrun());

    for (String section :
        List.of(
            ".SH NAME\nkeyrun \\- run a command with its secrets injected\n",
            ".SH SYNOPSIS\n",
            ".SH DESCRIPTION\n",
            ".SH OPTIONS\n",
            ".SH \"KEYRUN READ\"\n",
            ".SH \"KEYRUN SYSTEMD ENCRYPT\"\n",
            ".SH \"KEYRUN COMPLETION\"\n",
            ".SH \"REFERENCES\"\n",
            ".SH \"EXIT STATUS\"\n",
            ".SH \"EXAMPLES\"\n")) {
      assertTrue(page.contains(section), "missing " + section);
    }
  }

  @Test
  void helpOfEveryCommandHasNoUnresolvedVariable() {
    picocli.CommandLine keyrun = new picocli.CommandLine(CommandSpecs.keyrun());
    List<picocli.CommandLine> commands = new java.util.ArrayList<>(List.of(keyrun));
    for (int i = 0; i < commands.size(); i++) {
      commands.addAll(commands.get(i).getSubcommands().values());
    }

    for (picocli.CommandLine command : commands) {
      String help = command.getUsageMessage();
      // picocli replaces ${NAME} with the property or variable NAME, or with "null".
      assertFalse(help.matches("(?s).*\\bnull\\b.*"), command.getCommandName() + ": " + help);
    }
  }

  @Test
  void synopsisLinesFitTheHelpWidth() {
    String help = new picocli.CommandLine(CommandSpecs.keyrun()).getUsageMessage();
    String synopsis = help.substring(0, help.indexOf("Run a command with its secrets injected."));

    for (String line : synopsis.split("\n")) {
      assertTrue(line.startsWith("Usage: keyrun") || line.startsWith("       keyrun"), line);
    }
  }

  @Test
  void pageLinesNotRequests() {
    for (String line : ManPage.page(CommandSpecs.keyrun()).split("\n")) {
      boolean request = line.startsWith(".") || line.startsWith("'");
      if (request) {
        assertTrue(line.matches("\\.(TH|SH|PP|TP|nf|fi)\\b.*"), "unexpected request: " + line);
      }
    }
  }
}
