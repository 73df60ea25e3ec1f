package dev.keyrun.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOwnerTest {
  @Test
  void currentHasOwnPidAndStartTime() {
    RunOwner owner = RunOwner.current();

    assertEquals(ProcessHandle.current().pid(), owner.pid());
    assertTrue(owner.startTime() > 0, "start time " + owner.startTime());
    assertTrue(owner.isRunning());
  }

  @Test
  void directoryNameRoundTrips() {
    RunOwner owner = new RunOwner(4242, 987654321);

    String name = owner.directoryName("0123456789abcdef");
    Optional<RunOwner> parsed = RunOwner.fromDirectoryName(name);

    assertEquals("run-4242-987654321-0123456789abcdef", name);
    assertEquals(4242, parsed.orElseThrow().pid());
    assertEquals(987654321, parsed.orElseThrow().startTime());
  }

  @Test
  void otherNamesAreNotRunDirectories() {
    List<String> names =
        List.of(
            "run",
            "run-1-2",
            "run-1-2-0123456789ABCDEF",
            "run-1-2-0123456789abcde",
            "run-0-2-0123456789abcdef",
            "run--1-2-0123456789abcdef",
            "run-01-2-0123456789abcdef",
            "run-4294967296-2-0123456789abcdef",
            "run-1-1234567890123456789-0123456789abcdef",
            "xrun-1-2-0123456789abcdef",
            "run-1-2-0123456789abcdef.tmp");

    for (String name : names) {
      assertFalse(RunOwner.fromDirectoryName(name).isPresent(), name);
    }
  }

  @Test
  void ownerWithoutStartTimeIsCheckedBySignal() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();

    assertTrue(new RunOwner(ProcessHandle.current().pid(), 0).isRunning());
    assertFalse(new RunOwner(process.pid(), 0).isRunning());
  }
}
