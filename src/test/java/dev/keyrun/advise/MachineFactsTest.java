package dev.keyrun.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineFactsTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";

  /** 127.0.0.1:8080 listening, 0.0.0.0:22 listening, 10.0.0.5:443 established. */
  private static final String TCP =
      HEADER
          + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1\n"
          + "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 0 2\n"
          + "   2: 0500000A:01BB 0200000A:D431 01 00000000:00000000 00:00000000 00000000  1000 0 3\n";

  private static final String TCP_LOOPBACK_ONLY =
      HEADER
          + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1\n";

  /** ::1:5432 and ::ffff:127.0.0.1:6379 listening, [::]:443 listening. */
  private static final String TCP6 =
      HEADER
          + "   0: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A"
          + " 00000000:00000000 00:00000000 00000000 0 0 4\n"
          + "   1: 0000000000000000FFFF00000100007F:18EB 00000000000000000000000000000000:0000 0A"
          + " 00000000:00000000 00:00000000 00000000 0 0 5\n"
          + "   2: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A"
          + " 00000000:00000000 00:00000000 00000000 0 0 6\n";

  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/bash\n"
          + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
          + "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n"
          + "deploy:x:1001:1001::/home/deploy:/usr/sbin/nologin\n"
          + "ci:x:1002:1002::/home/ci:/bin/false\n"
          + "nobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n";

  @TempDir Path directory;

  @Test
  void listeningSocketsSkipLoopback() {
    assertEquals(List.of("0.0.0.0:22"), ListeningSockets.parse(TCP));
  }

  @Test
  void listeningSocketsReadTcp6() {
    assertEquals(List.of("[0:0:0:0:0:0:0:0]:443"), ListeningSockets.parse(TCP6));
  }

  @Test
  void listeningSocketsReadIpv6Groups() {
    String table =
        HEADER
            + "   0: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A"
            + " 00000000:00000000 00:00000000 00000000 0 0 7\n";

    assertEquals(List.of("[2001:db8:0:0:0:0:0:1]:80"), ListeningSockets.parse(table));
  }

  @Test
  void listeningSocketsSkipMalformedLines() {
    String table =
        HEADER
            + "   0: 0000:0016 00000000:0000 0A\n"
            + "   1: 0000000Z:0016 00000000:0000 0A\n"
            + "   2: 00000000:16 00000000:0000 0A\n"
            + "   3: 00000000\n"
            + "   4: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 8\n";

    assertEquals(List.of("0.0.0.0:80"), ListeningSockets.parse(table));
  }

  @Test
  void loginAccountsNeedUidAndShell() {
    String more = PASSWD + "bob:x:1003:1003:Bob:/home/bob:/usr/bin/zsh\n";

    assertEquals(List.of("alice"), LoginAccounts.parse(PASSWD));
    assertEquals(List.of("alice", "bob"), LoginAccounts.parse(more));
  }

  @Test
  void internetFacingWithSystemdAndPublicListener() throws Exception {
    MachineFacts facts = facts(true, TCP, TCP6, PASSWD, Map.of());

    Answer answer = facts.internetFacing();

    assertTrue(answer.yes());
    assertTrue(answer.isAssumed());
    assertTrue(answer.reason().contains("0.0.0.0:22"), answer.reason());
    assertTrue(answer.reason().contains("[0:0:0:0:0:0:0:0]:443"), answer.reason());
  }

  @Test
  void notInternetFacingWithoutSystemd() throws Exception {
    Answer answer = facts(false, TCP, TCP6, PASSWD, Map.of()).internetFacing();

    assertFalse(answer.yes());
    assertTrue(answer.reason().contains("does not exist"), answer.reason());
  }

  @Test
  void notInternetFacingWithLoopbackOnly() throws Exception {
    Answer answer = facts(true, TCP_LOOPBACK_ONLY, HEADER, PASSWD, Map.of()).internetFacing();

    assertFalse(answer.yes());
    assertTrue(answer.reason().contains("loopback"), answer.reason());
  }

  @Test
  void sharedMachineWithTwoLoginAccounts() throws Exception {
    String passwd = PASSWD + "bob:x:1003:1003:Bob:/home/bob:/bin/bash\n";

    Answer answer = facts(false, TCP, TCP6, passwd, Map.of()).sharedMachine();

    assertTrue(answer.yes());
    assertTrue(answer.reason().contains("alice, bob"), answer.reason());
  }

  @Test
  void singleUserWithOneLoginAccount() throws Exception {
    Answer answer = facts(false, TCP, TCP6, PASSWD, Map.of()).sharedMachine();

    assertFalse(answer.yes());
    assertTrue(answer.reason().contains("only alice"), answer.reason());
  }

  @Test
  void unreadablePasswdAssumesSingleUser() {
    MachineFacts facts =
        new MachineFacts(
            directory.resolve("no-systemd"),
            List.of(),
            directory.resolve("missing-passwd"),
            Map.of(),
            "Linux");

    Answer answer = facts.sharedMachine();

    assertFalse(answer.yes());
    assertTrue(answer.reason().contains("not readable"), answer.reason());
  }

  @Test
  void opFoundOnPath() throws Exception {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path op = Files.writeString(bin.resolve("op"), "#!/bin/sh\n");

    MachineFacts without = facts(false, TCP, TCP6, PASSWD, Map.of("PATH", bin.toString()));
    assertFalse(without.onePasswordAvailable());

    Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwx------"));
    MachineFacts with = facts(false, TCP, TCP6, PASSWD, Map.of("PATH", "/nonexistent:" + bin));
    assertTrue(with.onePasswordAvailable());
  }

  @Test
  void keyringFromDbusOrMacos() throws Exception {
    Map<String, String> bus = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");

    assertTrue(facts(false, TCP, TCP6, PASSWD, bus).keyringAvailable());
    assertFalse(facts(false, TCP, TCP6, PASSWD, Map.of()).keyringAvailable());
    MachineFacts mac = new MachineFacts(directory, List.of(), directory, Map.of(), "Mac OS X");
    assertTrue(mac.keyringAvailable());
  }

  private MachineFacts facts(
      boolean systemd, String tcp, String tcp6, String passwd, Map<String, String> environment)
      throws Exception {
    Path systemdDirectory = directory.resolve("run-systemd-system");
    if (systemd) {
      Files.createDirectories(systemdDirectory);
    }
    Path tcpFile = Files.writeString(directory.resolve("tcp"), tcp);
    Path tcp6File = Files.writeString(directory.resolve("tcp6"), tcp6);
    Path passwdFile = Files.writeString(directory.resolve("passwd"), passwd);
    return new MachineFacts(
        systemdDirectory, List.of(tcpFile, tcp6File), passwdFile, environment, "Linux");
  }
}
