package dev.keyrun.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding the systemd service in the text of {@code /proc/self/cgroup}. */
class CgroupUnitTest {

  private static Optional<SystemdUnit> unit(String cgroup) {
    return SystemdUnit.fromCgroup(cgroup);
  }

  @Test
  void systemServiceUnderUnifiedHierarchy() {
    assertEquals(
        Optional.of(new SystemdUnit("app.service", false)), unit("0::/system.slice/app.service\n"));
  }

  @Test
  void serviceInNestedSlice() {
    assertEquals(
        Optional.of(new SystemdUnit("getty@tty1.service", false)),
        unit("0::/system.slice/system-getty.slice/getty@tty1.service\n"));
  }

  @Test
  void userServiceBelowUserManager() {
    assertEquals(
        Optional.of(new SystemdUnit("worker.service", true)),
        unit("0::/user.slice/user-1000.slice/user@1000.service/app.slice/worker.service\n"));
  }

  @Test
  void delegatedSubgroupBelongsToService() {
    assertEquals(
        Optional.of(new SystemdUnit("app.service", false)),
        unit("0::/system.slice/app.service/payload\n"));
  }

  @Test
  void userManagerItselfIsNoService() {
    assertEquals(
        Optional.empty(), unit("0::/user.slice/user-1000.slice/user@1000.service/init.scope\n"));
  }

  @Test
  void loginSessionIsNoService() {
    assertEquals(Optional.empty(), unit("0::/user.slice/user-1000.slice/session-4.scope\n"));
  }

  @Test
  void rootGroupIsNoService() {
    assertEquals(Optional.empty(), unit("0::/\n"));
  }

  @Test
  void legacyHierarchyNamesService() {
    String cgroup =
        "12:memory:/system.slice/app.service\n" + "1:name=systemd:/system.slice/app.service\n";

    assertEquals(Optional.of(new SystemdUnit("app.service", false)), unit(cgroup));
  }

  @Test
  void hybridHierarchyFallsBackToNamedLine() {
    String cgroup = "1:name=systemd:/system.slice/app.service\n0::/\n";

    assertEquals(Optional.of(new SystemdUnit("app.service", false)), unit(cgroup));
  }

  @Test
  void containerWithoutSystemdIsNoService() {
    String cgroup = "9:name=systemd:/\n4:memory:/process_api/93c189108da9\n0::/\n";

    assertEquals(Optional.empty(), unit(cgroup));
  }

  @Test
  void nameWithForeignCharacterIsRejected() {
    assertEquals(Optional.empty(), unit("0::/system.slice/a b.service\n"));
  }

  @Test
  void nameStartingWithDashIsRejected() {
    assertEquals(Optional.empty(), unit("0::/system.slice/-x.service\n"));
  }

  @Test
  void inventoryFormRoundTrips() {
    SystemdUnit unit = new SystemdUnit("worker.service", true);

    assertEquals("user:worker.service", unit.key());
    assertEquals(Optional.of(unit), SystemdUnit.fromKey(unit.key()));
  }
}
