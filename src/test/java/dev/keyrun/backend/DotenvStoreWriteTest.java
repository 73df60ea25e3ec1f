package dev.keyrun.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.keyrun.launch.Posix;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DotenvStoreWriteTest {

  /** A value that no message or hint may contain. */
  private static final String SECRET = "sk-live-Zq81distinctive";

  @TempDir Path home;
  @TempDir Path dir;

  private final Map<String, byte[]> environment = new HashMap<>();

  @Test
  void storeCreatesFileWithMode600() throws Exception {
    Path file = home.resolve(".config/keyrun/secrets.env");

    store("dotenv:API_KEY", "abc");

    assertEquals("API_KEY='abc'\n", read(file));
    assertEquals("rw-------", mode(file));
  }

  @Test
  void storeCreatesParentsWithMode700() throws Exception {
    store("dotenv:API_KEY", "abc");

    assertEquals("rwx------", mode(home.resolve(".config")));
    assertEquals("rwx------", mode(home.resolve(".config/keyrun")));
  }

  @Test
  void storeReplacesInPlace() throws Exception {
    Path file = write("# team keys\nA=1\n\nK=old # rotated\n  # indented\nB=\"two\"\n");

    store(ref(file, "K"), "new");

    assertEquals("# team keys\nA=1\n\nK='new'\n  # indented\nB=\"two\"\n", read(file));
  }

  @Test
  void storeKeepsCrlf() throws Exception {
    Path file = write("A=1\r\nK=old\r\n# c\r\nB=2\r\n");

    store(ref(file, "K"), "new");

    assertEquals("A=1\r\nK='new'\r\n# c\r\nB=2\r\n", read(file));
  }

  @Test
  void storeKeepsExportPrefix() throws Exception {
    Path file = write("A=1\n  export  K = old\n");

    store(ref(file, "K"), "new");

    assertEquals("A=1\n  export  K ='new'\n", read(file));
  }

  @Test
  void storeCollapsesDuplicates() throws Exception {
    Path file = write("K=first\nA=1\nK='second\nline'\nB=2\nexport K=third\n");

    store(ref(file, "K"), "new");

    assertEquals("K='new'\nA=1\nB=2\n", read(file));
  }

  @Test
  void storeAppendsAfterNewline() throws Exception {
    Path file = write("A=1\n");

    store(ref(file, "K"), "v");

    assertEquals("A=1\nK='v'\n", read(file));
  }

  @Test
  void storeAppendsWithoutNewline() throws Exception {
    Path file = write("A=1");

    store(ref(file, "K"), "v");

    assertEquals("A=1\nK='v'\n", read(file));
  }

  @Test
  void storeAppendsToCrlfFile() throws Exception {
    Path file = write("A=1\r\nB=2");

    store(ref(file, "K"), "v");

    assertEquals("A=1\r\nB=2\r\nK='v'\r\n", read(file));
  }

  @Test
  void storeReplacesMultiLineValue() throws Exception {
    Path file = write("A=1\nK=\"line 1\nline 2\n\" # note\nB=2\n");

    store(ref(file, "K"), "new");

    assertEquals("A=1\nK='new'\nB=2\n", read(file));
  }

  @Test
  void storeWritesMultiLineValue() throws Exception {
    Path file = write("A=1\n");

    store(ref(file, "K"), "a\nb");

    assertEquals("A=1\nK='a\nb'\n", read(file));
  }

  @Test
  void multiLineValueUsesCrlf() throws Exception {
    Path file = write("A=1\r\n");

    store(ref(file, "K"), "a\nb");

    assertEquals("A=1\r\nK='a\r\nb'\r\n", read(file));
    assertEquals("a\nb", resolve(ref(file, "K")));
  }

  @Test
  void storeKeepsByteOrderMark() throws Exception {
    Path file = write("\uFEFFK=old\nA=1\n");

    store(ref(file, "K"), "new");

    assertEquals("\uFEFFK='new'\nA=1\n", read(file));
  }

  @Test
  void storeKeepsOtherValues() throws Exception {
    Path file = write("A=one\nK=old\nURL=db:${K}\n");

    store(ref(file, "K"), "new");

    assertEquals("one", resolve(ref(file, "A")));
    assertEquals("db:new", resolve(ref(file, "URL")));
  }

  @Test
  void storeKeepsMode600() throws Exception {
    Path file = write("K=old\n");

    store(ref(file, "K"), "new");

    assertEquals("rw-------", mode(file));
  }

  @Test
  void storeWritesEmptyValue() throws Exception {
    Path file = write("K=old\n");

    store(ref(file, "K"), "");

    assertEquals("K=''\n", read(file));
    assertEquals("", resolve(ref(file, "K")));
  }

  @Test
  void deleteRemovesAssignment() throws Exception {
    Path file = write("# head\nA=1\r\nK=old\r\n\nB=2");

    assertTrue(delete(ref(file, "K")));
    assertEquals("# head\nA=1\r\n\nB=2", read(file));
  }

  @Test
  void deleteRemovesEveryAssignment() throws Exception {
    Path file = write("K=1\nA=1\nexport K=\"multi\nline\" # c\nB=2\nK='x'");

    assertTrue(delete(ref(file, "K")));
    assertEquals("A=1\nB=2\n", read(file));
  }

  @Test
  void deleteAbsentKeyKeepsFile() throws Exception {
    Path file = write("A=1\n");
    Object inode = inode(file);

    assertFalse(delete(ref(file, "K")));
    assertEquals("A=1\n", read(file));
    assertEquals(inode, inode(file));
  }

  @Test
  void deleteMissingFileReturnsFalse() throws Exception {
    Path file = dir.resolve("absent/secrets.env");

    assertFalse(delete(ref(file, "K")));
    assertFalse(Files.exists(dir.resolve("absent")));
  }

  @Test
  void deleteRejectsUndefinedVariable() throws Exception {
    Path file = write("K=" + SECRET + "\nURL=db:${K}\n");

    StoreException failure = assertThrows(StoreException.class, () -> delete(ref(file, "K")));

    assertTrue(failure.getMessage().contains("undefined variable ${K}"), failure.getMessage());
    assertEquals("K=" + SECRET + "\nURL=db:${K}\n", read(file));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
    assertFalse(failure.hint().contains(SECRET), failure.hint());
  }

  @Test
  void storeRejectsGroupReadableFile() throws Exception {
    Path file = write("A=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(file, "K"), SECRET));

    assertTrue(failure.getMessage().contains(file + " is accessible"), failure.getMessage());
    assertTrue(failure.getMessage().contains("0644"), failure.getMessage());
    assertEquals("chmod 600 " + file, failure.hint());
    assertEquals("A=1\n", read(file));
    assertEquals("rw-r--r--", mode(file));
    assertEquals(List.of("secrets.env"), listing(dir));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
  }

  @Test
  void deleteRejectsGroupReadableFile() throws Exception {
    Path file = write("K=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    StoreException failure = assertThrows(StoreException.class, () -> delete(ref(file, "K")));

    assertTrue(failure.getMessage().contains("0640"), failure.getMessage());
    assertEquals("K=1\n", read(file));
  }

  @Test
  void storeRejectsSymlink() throws Exception {
    Path target = write("K=old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.env"), target);

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(link, "K"), SECRET));

    assertTrue(failure.getMessage().contains("symbolic link"), failure.getMessage());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("K=old\n", read(target));
    assertEquals(List.of("link.env", "secrets.env"), listing(dir));
  }

  @Test
  void storeRejectsReadOnlyFile() throws Exception {
    Path file = write("K=old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(file, "K"), SECRET));

    assertTrue(failure.getMessage().contains(file + ": permission denied"), failure.getMessage());
    assertEquals("chmod 600 " + file, failure.hint());
    assertEquals("K=old\n", read(file));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
  }

  @Test
  void storeRejectsUnwritableDirectory() throws Exception {
    assumeFalse(Posix.effectiveUid() == 0, "root may write to any directory");
    Path file = write("K=old\n");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));

    try {
      StoreException failure =
          assertThrows(StoreException.class, () -> store(ref(file, "K"), SECRET));

      assertTrue(failure.getMessage().contains(file + ": permission denied"), failure.getMessage());
      assertTrue(failure.hint().contains("chmod u+w " + dir), failure.hint());
      assertEquals("K=old\n", read(file));
      assertEquals(List.of("secrets.env"), listing(dir));
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void storeRejectsSyntaxError() throws Exception {
    Path file = write("A=1\nK=old\nnot an assignment\n");

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(file, "K"), SECRET));

    assertTrue(failure.getMessage().contains(file + ":3:"), failure.getMessage());
    assertEquals("A=1\nK=old\nnot an assignment\n", read(file));
  }

  @Test
  void storeRejectsInvalidUtf8Value() throws Exception {
    Path file = write("A=1\n");
    byte[] value = (SECRET + "\u00ff").getBytes(UTF_8);
    value[value.length - 2] = (byte) 0xff;

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(file, "K"), Secret.of(value)));

    assertTrue(failure.getMessage().contains("not valid UTF-8"), failure.getMessage());
    assertEquals("A=1\n", read(file));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
    assertFalse(failure.hint().contains(SECRET), failure.hint());
  }

  @Test
  void storeRejectsNulValue() throws Exception {
    Path file = write("A=1\n");

    StoreException failure =
        assertThrows(StoreException.class, () -> store(ref(file, "K"), SECRET + "\0x"));

    assertTrue(failure.getMessage().contains("NUL"), failure.getMessage());
    assertEquals("A=1\n", read(file));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
    assertFalse(failure.hint().contains(SECRET), failure.hint());
  }

  @Test
  void storeRejectsOversizedFile() throws Exception {
    Path file = write("A=1\n");
    String value = SECRET.repeat(BoundedRead.MAX_BYTES / SECRET.length() + 1);

    StoreException failure = assertThrows(StoreException.class, () -> store(ref(file, "K"), value));

    assertTrue(failure.getMessage().contains("larger than 1 MiB"), failure.getMessage());
    assertEquals("A=1\n", read(file));
    assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
  }

  @Test
  void storeRejectsInvalidKey() {
    Path file = dir.resolve("secrets.env");

    assertThrows(InvalidReferenceException.class, () -> store(ref(file, "1KEY"), "v"));
    assertFalse(Files.exists(file));
  }

  @Test
  void storeLeavesNoTemporaryFile() throws Exception {
    Path file = write("A=1\n");

    store(ref(file, "K"), "v");
    store(ref(file, "K"), "w");
    delete(ref(file, "A"));

    assertEquals(List.of("secrets.env"), listing(dir));
  }

  @Test
  void failedWriteLeavesNoTemporaryFile() throws Exception {
    Path target = Files.createDirectory(dir.resolve("secrets.env"));
    Files.writeString(target.resolve("inside"), "x");

    assertThrows(
        IOException.class,
        () ->
            PrivateFileWriter.write(
                target, "K='v'\n".getBytes(UTF_8), PrivateFileWriter.FILE_MODE));

    assertEquals(List.of("secrets.env"), listing(dir));
  }

  @ParameterizedTest
  @MethodSource("roundTripValues")
  void roundTripTable(String value) throws Exception {
    Path created = dir.resolve("created.env");
    Path existing = write("A=one\nK=old\nB=two\n");

    store(ref(created, "K"), value);
    store(ref(existing, "K"), value);

    assertEquals(value, resolve(ref(created, "K")));
    assertEquals(value, resolve(ref(existing, "K")));
    assertEquals("two", resolve(ref(existing, "B")));
  }

  static Stream<String> roundTripValues() {
    return Stream.of(
        "plain",
        "  leading and trailing blanks  ",
        "it's",
        "'",
        "say \"hi\"",
        "'\"both\"'",
        "back\\slash",
        "trailing\\",
        "\\n written as text",
        "$HOME",
        "${HOME}",
        "${A}",
        "it's ${A}",
        "\\${A}",
        "${A:-default}",
        "$(whoami) `whoami`",
        "line 1\nline 2",
        "\n",
        "trailing newline\n",
        "crlf\r\nline",
        "bare\rcr",
        "quote ' and\rcr",
        "tab\there",
        "# not a comment",
        "a #b",
        "a=b",
        "dotenv:OTHER",
        "dotenv:/etc/other.env#KEY",
        "op://vault/item/field",
        "caf\u00e9 \u20ac \u65e5\u672c",
        "emoji \ud83d\ude00\ud83d\udd11",
        "\uFEFFbyte order mark",
        "line\u2028separator",
        "\u0085next line",
        "{}}{",
        "\"");
  }

  @Test
  void roundTripRandom() throws Exception {
    String[] pieces = {
      "a",
      "Z",
      "0",
      " ",
      "\t",
      "\n",
      "\r",
      "\r\n",
      "'",
      "\"",
      "\\",
      "$",
      "${",
      "${A}",
      "{",
      "}",
      "#",
      "=",
      ":-",
      "`",
      "\u00e9",
      "\u20ac",
      "\ud83d\ude00",
      "\u2028",
      "\uFEFF",
      "dotenv:"
    };
    Random random = new Random(20_240_611L);
    Path file = write("A=one\nK=old\r\nB=two\n");

    for (int i = 0; i < 300; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(16);
      for (int j = 0; j < length; j++) {
        value.append(pieces[random.nextInt(pieces.length)]);
      }

      store(ref(file, "K"), value.toString());

      assertEquals(value.toString(), resolve(ref(file, "K")), "case " + i);
    }
    assertEquals("two", resolve(ref(file, "B")));
  }

  @Test
  void roundTripKeepsBytes() throws Exception {
    Path file = write("A=1\n");
    byte[] value = "\u00e9\r\n\ud83d\ude00'\"\\$".getBytes(UTF_8);

    store(ref(file, "K"), Secret.of(value));

    assertArrayEquals(value, resolveSecret(ref(file, "K")).bytes());
  }

  private void store(String reference, String value) throws StoreException {
    Reference parsed = Reference.parse(reference).orElseThrow();
    new DotenvStore().store(parsed, Secret.ofUtf8(value), WriteOptions.DEFAULT, context());
  }

  private void store(String reference, Secret value) throws StoreException {
    Reference parsed = Reference.parse(reference).orElseThrow();
    new DotenvStore().store(parsed, value, WriteOptions.DEFAULT, context());
  }

  private boolean delete(String reference) throws StoreException {
    return new DotenvStore().delete(Reference.parse(reference).orElseThrow(), context());
  }

  private String resolve(String reference) throws StoreException {
    return resolveSecret(reference).decodeUtf8();
  }

  private Secret resolveSecret(String reference) throws StoreException {
    Reference parsed = Reference.parse(reference).orElseThrow();
    return new DotenvStore().resolve(List.of(parsed), context()).get(parsed).orElseThrow();
  }

  private StoreContext context() {
    return new StoreContext(environment, home, Instant.now().plusSeconds(30));
  }

  private static String ref(Path file, String key) {
    return "dotenv:" + file + "#" + key;
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("secrets.env");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static Object inode(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  /** Lists the files of {@code directory}, leaving out the lock files that writes keep there. */
  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> !(name.startsWith(".") && name.endsWith(".lock")))
          .sorted()
          .toList();
    }
  }
}
