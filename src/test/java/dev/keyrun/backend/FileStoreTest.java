package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStoreTest {

  @TempDir Path directory;

  @Test
  void trailingNewlineIsKept() throws Exception {
    Path file = Files.writeString(directory.resolve("db_password"), "s3cret\n");

    Optional<Secret> value = resolve("file://" + file);

    assertArrayEquals("s3cret\n".getBytes(UTF_8), value.orElseThrow().bytes());
  }

  @Test
  void binaryBytesAreKept() throws Exception {
    byte[] content = {0, 1, (byte) 0xff, (byte) 0xc3, '\r', '\n', ' '};
    Path file = Files.write(directory.resolve("key.bin"), content);

    Optional<Secret> value = resolve("file://" + file);

    assertArrayEquals(content, value.orElseThrow().bytes());
  }

  @Test
  void emptyFileIsFoundEmpty() throws Exception {
    Path file = Files.createFile(directory.resolve("empty"));

    Optional<Secret> value = resolve("file://" + file);

    assertEquals(0, value.orElseThrow().length());
  }

  @Test
  void missingFileIsMissing() throws Exception {
    Path file = directory.resolve("absent");

    assertEquals(Optional.empty(), resolve("file://" + file));
  }

  @Test
  void fileModeIsNotChecked() throws Exception {
    Path file = Files.writeString(directory.resolve("world_readable"), "v");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Optional<Secret> value = resolve("file://" + file);

    assertEquals("v", value.orElseThrow().decodeUtf8());
  }

  @Test
  void directoryFails() throws IOException {
    Path folder = Files.createDirectory(directory.resolve("secrets"));

    StoreException failure = assertThrows(StoreException.class, () -> resolve("file://" + folder));

    assertTrue(failure.getMessage().contains(folder.toString()), failure.getMessage());
    assertEquals("name a file", failure.hint());
  }

  @Test
  void pathThroughRegularFileFails() throws IOException {
    Path parent = Files.writeString(directory.resolve("regular"), "s3cret");
    Path file = parent.resolve("child");

    StoreException failure = assertThrows(StoreException.class, () -> resolve("file://" + file));

    assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"file://relative/path", "file://host/run/secrets/x", "file://", "file://~/x"})
  void nonAbsolutePathIsMalformed(String text) {
    InvalidReferenceException failure =
        assertThrows(InvalidReferenceException.class, () -> resolve(text));

    assertEquals(text, failure.reference());
    assertTrue(failure.expected().contains("file:///"), failure.expected());
  }

  @Test
  void resolvesWholeBatch() throws Exception {
    Path first = Files.writeString(directory.resolve("first"), "1");
    Path second = Files.writeString(directory.resolve("second"), "2");
    Reference a = Reference.parse("file://" + first).orElseThrow();
    Reference b = Reference.parse("file://" + second).orElseThrow();
    Reference c = Reference.parse("file://" + directory.resolve("third")).orElseThrow();

    Map<Reference, Optional<Secret>> values = new FileStore().resolve(List.of(a, b, c), context());

    assertEquals("1", values.get(a).orElseThrow().decodeUtf8());
    assertEquals("2", values.get(b).orElseThrow().decodeUtf8());
    assertEquals(Optional.empty(), values.get(c));
  }

  private Optional<Secret> resolve(String text) throws StoreException {
    Reference reference = Reference.parse(text).orElseThrow();
    return new FileStore().resolve(List.of(reference), context()).get(reference);
  }

  private StoreContext context() {
    return new StoreContext(Map.of(), directory, Instant.now().plusSeconds(30));
  }
}
