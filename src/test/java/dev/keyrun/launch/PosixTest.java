package dev.keyrun.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PosixTest {
  @Test
  void normalExitKeepsCode() {
    assertEquals(0, Posix.exitStatus(0));
    assertEquals(7, Posix.exitStatus(7 << 8));
    assertEquals(255, Posix.exitStatus(255 << 8));
  }

  @Test
  void signalDeathAdds128() {
    assertEquals(143, Posix.exitStatus(15));
    assertEquals(137, Posix.exitStatus(9));
  }

  @Test
  void coreDumpFlagIsIgnored() {
    assertEquals(134, Posix.exitStatus(0x80 | 6));
  }

  @Test
  void effectiveUidMatchesProcOwner() throws Exception {
    int owner =
        (Integer)
            java.nio.file.Files.getAttribute(
                java.nio.file.Path.of("/proc/self"),
                "unix:uid",
                java.nio.file.LinkOption.NOFOLLOW_LINKS);

    assertEquals(owner, Posix.effectiveUid());
  }
}
