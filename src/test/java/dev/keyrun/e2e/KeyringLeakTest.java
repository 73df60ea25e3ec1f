package dev.keyrun.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.keyring.TestKeyring;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No value reaches a command line while keyrun writes and reads the Secret Service: a watcher reads
 * {@code /proc/PID/cmdline} of every process over and over while keyrun runs.
 */
class KeyringLeakTest {
  @TempDir Path directory;

  private TestKeyring keyring;
  private String service;
  private String value;

  @BeforeEach
  void connect() {
    keyring = TestKeyring.shared();
    service = "keyrun-e2e-leak-" + UUID.randomUUID();
    value = "argv-canary-" + UUID.randomUUID();
  }

  @AfterEach
  void removeItems() {
    if (keyring != null) {
      keyring.clear(service, "a");
    }
  }

  private Keyrun keyrun() {
    Keyrun keyrun = Keyrun.in(directory).unset("KEYRUN_KEYRING");
    keyring.environment().forEach(keyrun::env);
    return keyrun;
  }

  @Test
  void setReadAndRunKeepValueOffArgv() throws Exception {
    Path envFile =
        TestFiles.write(
            directory.resolve("refs.env"), "K=keyring://" + service + "/a\n", "rw-r--r--");
    List<Keyrun.Result> results = new ArrayList<>();

    try (CommandLineWatcher watcher = CommandLineWatcher.start(value)) {
      results.add(keyrun().input(value).args("set", "secret-service://" + service + "/a").run());
      results.add(keyrun().args("read", "secret-service://" + service + "/a").run());
      results.add(
          keyrun()
              .args("--no-mask", "--env-file", envFile.toString(), "--", "printenv", "K")
              .run());
      results.add(keyrun().args("delete", "keyring://" + service + "/a").run());
      watcher.stop();

      for (Keyrun.Result result : results) {
        assertEquals(0, result.status(), result.stderr());
        assertFalse(result.stderr().contains(value), result.stderr());
      }
      assertEquals(value + "\n", results.get(1).stdout());
      assertEquals(value + "\n", results.get(2).stdout());
      assertNull(watcher.failure());
      assertTrue(watcher.scans() > 0, "the watcher never finished a scan of /proc");
      assertEquals(Set.of(), watcher.matches());
    }
  }

  @Test
  void secretToolKeepsValueOffArgv() throws Exception {
    try (CommandLineWatcher watcher = CommandLineWatcher.start(value)) {
      keyring.store(service, "a", value.getBytes(UTF_8));
      Keyrun.Result result = keyrun().args("read", "-n", "keyring://" + service + "/a").run();
      watcher.stop();

      assertEquals(value, result.stdout());
      assertNull(watcher.failure());
      assertTrue(watcher.scans() > 0, "the watcher never finished a scan of /proc");
      assertEquals(Set.of(), watcher.matches());
    }
  }

  /**
   * Reads the command line of every process in /proc, pausing 2 ms between scans, and records each
   * one that contains the canary. A process that lives shorter than one scan may be missed.
   */
  private static final class CommandLineWatcher implements AutoCloseable {
    private final byte[] canary;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong scans = new AtomicLong();
    private final Set<String> matches = ConcurrentHashMap.newKeySet();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;

    private CommandLineWatcher(String canary) {
      this.canary = canary.getBytes(UTF_8);
      this.thread = new Thread(this::watch, "cmdline-watcher");
      thread.setDaemon(true);
    }

    static CommandLineWatcher start(String canary) {
      CommandLineWatcher watcher = new CommandLineWatcher(canary);
      watcher.thread.start();
      return watcher;
    }

    long scans() {
      return scans.get();
    }

    /** Returns the error that stopped the scans early, or null. */
    IOException failure() {
      return failure.get();
    }

    /** Returns "PID: command line" of each process whose command line contained the canary. */
    Set<String> matches() {
      return matches;
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }

    private void watch() {
      while (running.get()) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
          for (Path entry : entries) {
            check(entry);
          }
          scans.incrementAndGet();
          Thread.sleep(2);
        } catch (IOException e) {
          failure.set(e);
          return;
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void check(Path process) {
      byte[] commandLine;
      try {
        commandLine = Files.readAllBytes(process.resolve("cmdline"));
      } catch (IOException e) {
        return; // the process exited between listing and reading
      }
      if (indexOf(commandLine, canary) >= 0) {
        String text = new String(commandLine, UTF_8).replace('\0', ' ');
        matches.add(process.getFileName() + ": " + text);
      }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
