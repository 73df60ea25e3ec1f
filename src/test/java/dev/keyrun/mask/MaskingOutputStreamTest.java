package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {

  private static final String MARKER = Masks.MARKER_TEXT;

  @Test
  void exactSecretMasked() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234").wrap(sink);

    write(out, "token=s3cr3t-value-1234\n");

    assertEquals("token=" + MARKER + "\n", sink.text());
    assertEquals(0, out.heldByteCount());
  }

  @Test
  void secretSplitAcrossTwoWrites() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("abcdef0123456789").wrap(sink);

    write(out, "key=abcdef01");

    assertEquals(List.of("key="), sink.writes());

    write(out, "23456789 end");

    assertEquals("key=" + MARKER + " end", sink.text());
    assertFalse(sink.text().contains("abcdef01"), sink.text());
    assertFalse(sink.text().contains("23456789"), sink.text());
  }

  @Test
  void secretWrittenOneBytePerWrite() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("abcdef0123456789").wrap(sink);

    for (byte b : "key=abcdef0123456789 end".getBytes(UTF_8)) {
      out.write(b);
    }
    out.close();

    assertEquals(List.of("k", "e", "y", "="), sink.writes().subList(0, 4));
    assertEquals("key=" + MARKER + " end", sink.text());
  }

  @Test
  void longerOverlappingSecretGivesOneMarker() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("sk-live", "sk-live-12345").wrap(sink);

    write(out, "a sk-live-12345 b");
    out.close();

    assertEquals("a " + MARKER + " b", sink.text());
    assertFalse(sink.text().contains("12345"), sink.text());
  }

  @Test
  void shorterSecretAloneMaskedAtClose() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("sk-live", "sk-live-12345").wrap(sink);

    write(out, "sk-live");

    assertEquals("", sink.text());

    out.close();

    assertEquals(MARKER, sink.text());
    assertTrue(sink.isClosed());
  }

  @Test
  void shorterSecretFollowedByNewlineEmittedAtOnce() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("sk-live", "sk-live-12345").wrap(sink);

    write(out, "sk-live\n");

    assertEquals(MARKER + "\n", sink.text());
    assertEquals(0, out.heldByteCount());
  }

  @Test
  void suffixOverlappingPrefixGivesOneMarker() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("alpha-beta-gamma", "gamma-delta-epsilon").wrap(sink);

    write(out, "[alpha-beta-gamma-delta-epsilon]");

    assertEquals("[" + MARKER + "]", sink.text());
  }

  @Test
  void incompleteSecondSecretShownAfterFirst() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("alpha-beta-gamma", "gamma-delta-epsilon").wrap(sink);

    write(out, "[alpha-beta-gamma-delta]");

    assertEquals("[" + MARKER + "-delta]", sink.text());
  }

  @Test
  void touchingSecretsGiveOneMarker() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("first-secret", "second-secret").wrap(sink);

    write(out, "first-secret");
    write(out, "second-secret!");

    assertEquals(MARKER + "!", sink.text());
  }

  @Test
  void secretAtWriteEndWaits() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("first-secret", "second-secret").wrap(sink);

    write(out, "x first-secret");

    assertEquals("x ", sink.text());

    write(out, "\n");

    assertEquals("x " + MARKER + "\n", sink.text());
  }

  @Test
  void separatedSecretsGiveTwoMarkers() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("first-secret", "second-secret").wrap(sink);

    write(out, "first-secret second-secret\n");

    assertEquals(MARKER + " " + MARKER + "\n", sink.text());
  }

  @Test
  void unrelatedOutputPassesImmediately() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234", "Zq9-token-77").wrap(sink);
    List<String> lines = List.of("hello world\n", "status: ok\n", "{\"n\": 42}\n", "done.\n");

    for (String line : lines) {
      write(out, line);

      assertEquals(0, out.heldByteCount(), line);
    }

    assertEquals(lines, sink.writes());
    assertEquals(lines.size(), sink.flushCount());
  }

  @Test
  void jsonRpcLineEmittedWithinItsWrite() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234", "9f8e7d6c5b4a").wrap(sink);
    String line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"ok\"}\n";

    write(out, line);

    assertEquals(List.of(line), sink.writes());
  }

  @Test
  void largeWriteWithoutSecretPassesWhole() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234").wrap(sink);
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    chunk[chunk.length - 2] = 's';
    chunk[chunk.length - 1] = '3';

    out.write(chunk);

    assertEquals(1, sink.writes().size());
    assertEquals(chunk.length - 2, sink.bytes().length);
    assertEquals(2, out.heldByteCount());
  }

  @Test
  void heldBytesJoinNextSinkWrite() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234").wrap(sink);

    write(out, "abc s3cr");
    write(out, "een is fine\n");

    assertEquals(List.of("abc ", "s3creen is fine\n"), sink.writes());
  }

  @Test
  void secretInsideLargeWriteMasked() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("s3cr3t-value-1234").wrap(sink);
    StringBuilder text = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      String filler = "line " + i + " of the log\n";
      text.append(filler);
      expected.append(filler);
      if (i % 97 == 0) {
        text.append("key s3cr3t-value-1234 end\n");
        expected.append("key ").append(MARKER).append(" end\n");
      }
    }

    write(out, text.toString());
    out.close();

    assertEquals(expected.toString(), sink.text());
  }

  @Test
  void multiLineSecretPrintedWhole() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("first-line-aaa\nsecond-line-bbb\nthird-line-ccc").wrap(sink);

    write(out, "key:\nfirst-line-aaa\nsecond-line-bbb\nthird-line-ccc\nend\n");

    assertEquals("key:\n" + MARKER + "\nend\n", sink.text());
  }

  @Test
  void multiLineSecretPrintedLineByLine() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("first-line-aaa\r\nsecond-line-bbb").wrap(sink);

    write(out, "1: first-line-aaa\n");
    write(out, "2: second-line-bbb\n");

    assertEquals("1: " + MARKER + "\n2: " + MARKER + "\n", sink.text());
  }

  @Test
  void surroundingNewlinesNotHeld() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("\n  secret-value-42 \r\n").wrap(sink);

    write(out, "a\n");
    write(out, "b secret-value-42\n");

    assertEquals(List.of("a\n", "b " + MARKER + "\n"), sink.writes());
  }

  @Test
  void flushKeepsHeldBytes() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("abcdef0123456789").wrap(sink);

    write(out, "abcdef01");
    out.flush();

    assertEquals("", sink.text());
    assertEquals(1, sink.flushCount());
    assertEquals(8, out.heldByteCount());
  }

  @Test
  void closeEmitsPartialMatchAsItIs() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("abcdef0123456789").wrap(sink);

    write(out, "key=abcdef01");
    out.close();

    assertEquals("key=abcdef01", sink.text());
    assertTrue(sink.isClosed());
  }

  @Test
  void finishLeavesSinkOpen() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("sk-live", "sk-live-12345").wrap(sink);

    write(out, "x sk-live");
    out.finish();
    out.finish();

    assertEquals("x " + MARKER, sink.text());
    assertFalse(sink.isClosed());
    assertThrows(IOException.class, () -> write(out, "more"));

    out.close();

    assertTrue(sink.isClosed());
    assertEquals("x " + MARKER, sink.text());
  }

  @Test
  void writeRejectsInvalidRange() {
    MaskingOutputStream out = masks("s3cr3t-value-1234").wrap(new RecordingSink());

    assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[4], 2, 3));
  }

  @Test
  void nonUtf8SecretMasked() throws IOException {
    byte[] secret = {(byte) 0xff, (byte) 0xfe, 'k', 'e', 'y', (byte) 0x80, (byte) 0xc3};
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = Masks.of(List.of(secret)).wrap(sink);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes(new byte[] {'<', (byte) 0xfe});
    text.writeBytes(secret);
    text.writeBytes(new byte[] {(byte) 0xc3, '>'});

    out.write(text.toByteArray());
    out.close();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {'<', (byte) 0xfe});
    expected.writeBytes(Masks.MARKER);
    expected.writeBytes(new byte[] {(byte) 0xc3, '>'});
    assertArrayEquals(expected.toByteArray(), sink.bytes());
  }

  @Test
  void emptyMasksPassEverything() throws IOException {
    RecordingSink sink = new RecordingSink();
    Masks masks = masks("short");
    MaskingOutputStream out = masks.wrap(sink);

    write(out, "short and sweet");

    assertTrue(masks.isEmpty());
    assertEquals(List.of("short and sweet"), sink.writes());
  }

  @Test
  void chainOfOverlappingMatchesStaysBounded() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("aaaaaa").wrap(sink);
    int total = 3 * MaskingOutputStream.MAX_HELD_BYTES;
    int maxHeld = 0;

    for (int i = 0; i < total; i++) {
      out.write('a');
      maxHeld = Math.max(maxHeld, out.heldByteCount());
    }
    out.close();

    String output = sink.text();
    assertTrue(maxHeld <= MaskingOutputStream.MAX_HELD_BYTES + 1, "held " + maxHeld);
    assertTrue(output.startsWith(MARKER + MARKER), output);
    assertEquals(output, MARKER.repeat(output.length() / MARKER.length()));
  }

  @Test
  void chainOfOverlappingMatchesInLargeWrites() throws IOException {
    RecordingSink sink = new RecordingSink();
    MaskingOutputStream out = masks("aaaaaa").wrap(sink);
    byte[] chunk = new byte[256 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    int maxHeld = 0;

    for (int i = 0; i < 12; i++) {
      out.write(chunk);
      maxHeld = Math.max(maxHeld, out.heldByteCount());
    }
    out.close();

    String output = sink.text();
    assertTrue(maxHeld <= MaskingOutputStream.MAX_HELD_BYTES + chunk.length, "held " + maxHeld);
    assertEquals(output, MARKER.repeat(output.length() / MARKER.length()));
  }

  static Masks masks(String... values) {
    List<byte[]> bytes = new ArrayList<>();
    for (String value : values) {
      bytes.add(value.getBytes(UTF_8));
    }
    return Masks.of(bytes);
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(UTF_8));
  }

  /** A sink that records each write call, each flush and whether it was closed. */
  static final class RecordingSink extends OutputStream {
    private final List<byte[]> writes = new ArrayList<>();
    private int flushCount;
    private boolean closed;

    @Override
    public void write(int b) {
      writes.add(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public void flush() {
      flushCount++;
    }

    @Override
    public void close() {
      closed = true;
    }

    List<String> writes() {
      List<String> texts = new ArrayList<>();
      for (byte[] write : writes) {
        texts.add(new String(write, UTF_8));
      }
      return texts;
    }

    byte[] bytes() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] write : writes) {
        all.writeBytes(write);
      }
      return all.toByteArray();
    }

    String text() {
      return new String(bytes(), UTF_8);
    }

    int flushCount() {
      return flushCount;
    }

    boolean isClosed() {
      return closed;
    }
  }
}
