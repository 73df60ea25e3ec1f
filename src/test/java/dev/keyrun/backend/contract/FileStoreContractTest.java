package dev.keyrun.backend.contract;

import dev.keyrun.backend.Backend;
import dev.keyrun.backend.FileStore;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreContract;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** {@code file:///path}: the bytes of whole files in a temporary directory. */
class FileStoreContractTest extends StoreContract {
  private final FileStore store = new FileStore();

  @TempDir Path directory;

  @Override
  protected Backend backend() {
    return store;
  }

  @Override
  protected StoreContext context() {
    return new StoreContext(Map.of(), directory, deadline());
  }

  @Override
  protected Reference seedEntry(String name, byte[] value) throws IOException {
    Path file = Files.write(directory.resolve(name), value);
    return reference(file);
  }

  @Override
  protected Reference absent() {
    return reference(directory.resolve("absent"));
  }

  @Override
  protected String missingText(Reference absent) {
    return "no such file";
  }

  /**
   * Replaces the seeded file with a directory of the same name. Permission bits would not do,
   * because the tests may run as root, which reads any file whatever its mode.
   */
  @Override
  protected Failure failure(Reference seeded, byte[] value) throws IOException {
    Path file = Path.of(seeded.body());
    Files.delete(file);
    Files.createDirectory(file);
    return new Failure.InProcess(seeded, context(), file + " is a directory", "name a file");
  }

  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  private static Reference reference(Path file) {
    return new Reference(Scheme.FILE, file.toString());
  }
}
