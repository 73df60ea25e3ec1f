package dev.keyrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class ManagementCommandsTest {
  @Test
  void keyrunFailureOfManagementCommandIsTwo() {
    for (String command : ManagementCommands.NAMES) {
      assertEquals(2, ManagementCommands.failureStatus(command, 125), command);
    }
  }

  @Test
  void runKeepsItsStatuses() {
    assertEquals(125, ManagementCommands.failureStatus("run", 125));
    assertEquals(127, ManagementCommands.failureStatus("run", 127));
  }

  @Test
  void otherStatusesPassThrough() {
    assertEquals(0, ManagementCommands.failureStatus("check", 0));
    assertEquals(1, ManagementCommands.failureStatus("check", 1));
    assertEquals(127, ManagementCommands.failureStatus("init", 127));
  }

  @Test
  void topLevelNameOfNestedCommand() {
    CommandSpec set = CommandSpec.create().name("set");
    CommandSpec config = CommandSpec.create().name("config").addSubcommand("set", set);
    CommandLine keyrun =
        new CommandLine(CommandSpec.create().name("keyrun").addSubcommand("config", config));

    CommandLine nested = keyrun.getSubcommands().get("config").getSubcommands().get("set");

    assertEquals("config", ManagementCommands.topLevelName(nested));
    assertEquals("config", ManagementCommands.topLevelName(keyrun.getSubcommands().get("config")));
    assertEquals("run", ManagementCommands.topLevelName(keyrun));
  }
}
