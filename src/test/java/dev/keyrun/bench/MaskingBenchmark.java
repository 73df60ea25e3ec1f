package dev.keyrun.bench;

import dev.keyrun.mask.MaskingOutputStream;
import dev.keyrun.mask.Masks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the output masker on 64 KiB writes, with 20 random secrets of 20 to 40 characters
 * loaded, next to a plain copy of the same bytes. One operation is one byte and the time unit is
 * the microsecond, so a score in ops/us is a throughput in MB/s (10^6 bytes per second).
 *
 * <p>The text is generated log lines (timestamps, levels, key=value pairs, JSON fragments). The
 * sink discards what it gets, so the figures cover only the masking.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(MaskingBenchmark.CHUNK_SIZE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaskingBenchmark {
  static final int CHUNK_SIZE = 64 * 1024;

  private static final int SECRET_COUNT = 20;
  private static final int SECRET_INTERVAL = 4 * 1024;
  private static final String SECRET_CHARACTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private byte[] plainChunk;
  private byte[] secretChunk;
  private byte[] copyTarget;
  private MaskingOutputStream plainStream;
  private MaskingOutputStream secretStream;

  @Setup
  public void setUp(Blackhole blackhole) {
    Random random = new Random(42);
    List<byte[]> secrets = new ArrayList<>();
    for (int i = 0; i < SECRET_COUNT; i++) {
      secrets.add(randomSecret(random));
    }
    Masks masks = Masks.of(secrets);

    plainChunk = logText(random, CHUNK_SIZE, List.of());
    secretChunk = logText(random, CHUNK_SIZE, secrets);
    copyTarget = new byte[CHUNK_SIZE];
    plainStream = masks.wrap(new DiscardingSink(blackhole));
    secretStream = masks.wrap(new DiscardingSink(blackhole));
  }

  /** Copies the chunk once, the least work that any filter in the output path does. */
  @Benchmark
  public byte[] copyBaseline() {
    System.arraycopy(plainChunk, 0, copyTarget, 0, CHUNK_SIZE);
    return copyTarget;
  }

  /** Masks text that contains no secret. */
  @Benchmark
  public void maskTextWithoutSecrets() throws IOException {
    plainStream.write(plainChunk, 0, CHUNK_SIZE);
  }

  /** Masks text that contains one of the secrets every 4 KiB. */
  @Benchmark
  public void maskTextWithSecrets() throws IOException {
    secretStream.write(secretChunk, 0, CHUNK_SIZE);
  }

  private static byte[] randomSecret(Random random) {
    int length = 20 + random.nextInt(21);
    byte[] secret = new byte[length];
    for (int i = 0; i < length; i++) {
      secret[i] = (byte) SECRET_CHARACTERS.charAt(random.nextInt(SECRET_CHARACTERS.length()));
    }
    return secret;
  }

  /**
   * Returns {@code size} bytes of log lines, with one of {@code secrets} (if any) after every
   * {@link #SECRET_INTERVAL} bytes.
   */
  private static byte[] logText(Random random, int size, List<byte[]> secrets) {
    String[] levels = {"INFO", "DEBUG", "WARN", "ERROR"};
    String[] paths = {"/api/items", "/api/users/42", "/health", "/login", "/static/app.js"};
    StringBuilder text = new StringBuilder(size + 256);
    int nextSecret = SECRET_INTERVAL;
    while (text.length() < size) {
      text.append(
          String.format(
              "2025-03-%02dT12:%02d:%02d.%03dZ ",
              1 + random.nextInt(28),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(1000)));
      text.append(levels[random.nextInt(levels.length)])
          .append(" request id=")
          .append(random.nextInt(1_000_000))
          .append(" path=")
          .append(paths[random.nextInt(paths.length)])
          .append(" status=")
          .append(200 + random.nextInt(4) * 100)
          .append(" took=")
          .append(random.nextInt(900))
          .append("ms {\"user\":\"u")
          .append(random.nextInt(5000))
          .append("\",\"ok\":true}");
      if (!secrets.isEmpty() && text.length() >= nextSecret) {
        byte[] secret = secrets.get(random.nextInt(secrets.size()));
        text.append(" token=").append(new String(secret, StandardCharsets.US_ASCII));
        nextSecret += SECRET_INTERVAL;
      }
      text.append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(bytes, size);
  }

  /** A sink that hands each write to the blackhole, so the JIT cannot drop the masking. */
  private static final class DiscardingSink extends OutputStream {
    private final Blackhole blackhole;

    DiscardingSink(Blackhole blackhole) {
      this.blackhole = blackhole;
    }

    @Override
    public void write(int b) {
      blackhole.consume(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      blackhole.consume(b);
      blackhole.consume(len);
    }
  }
}
