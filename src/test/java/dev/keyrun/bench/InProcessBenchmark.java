package dev.keyrun.bench;

import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.dotenv.DotenvExpander;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process steps of a run, measured with JMH: parsing and expanding an env file, and
 * resolving its references through the registry. Start-up cost is measured separately with
 * hyperfine, because JMH measures warmed-up code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InProcessBenchmark {
  private byte[] envFile;
  private Path directory;
  private List<Reference> references;
  private Resolver resolver;
  private StoreContext context;

  @Setup
  public void setUp() throws IOException {
    StringBuilder content = new StringBuilder();
    StringBuilder store = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      content.append("PLAIN_").append(i).append("=value-").append(i).append(" # comment\n");
      content.append("QUOTED_").append(i).append("=\"line\\n${PLAIN_").append(i).append("}\"\n");
      content.append("SECRET_").append(i).append("=dotenv:SECRET_").append(i).append('\n');
      store.append("SECRET_").append(i).append("='s3cr3t-").append(i).append("'\n");
    }
    envFile = content.toString().getBytes(StandardCharsets.UTF_8);

    directory = Files.createTempDirectory("keyrun-bench");
    Path storeFile = directory.resolve("store.env");
    Files.writeString(storeFile, store);
    Files.setPosixFilePermissions(storeFile, PosixFilePermissions.fromString("rw-------"));

    references = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      references.add(Reference.parse("dotenv:SECRET_" + i).orElseThrow());
    }
    resolver = new Resolver(BackendRegistry.load());
    Map<String, byte[]> environment =
        Map.of("KEYRUN_DOTENV_STORE", storeFile.toString().getBytes(StandardCharsets.UTF_8));
    context = new StoreContext(environment, directory, Instant.MAX);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(directory.resolve("store.env"));
    Files.deleteIfExists(directory);
  }

  /** Parses and expands a 60-line env file of plain, quoted and reference values. */
  @Benchmark
  public Map<String, ExpandedValue> parseEnvFile() {
    return DotenvExpander.parseAndExpand(
        "bench.env", envFile, name -> null, Reference::isReference);
  }

  /** Resolves 20 references from one private dotenv store file. */
  @Benchmark
  public Map<Reference, Outcome> resolveDotenvReferences() {
    return resolver.resolve(references, context, Duration.ofSeconds(30));
  }
}
