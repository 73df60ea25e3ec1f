package dev.keyrun.backend.contract;

import dev.keyrun.backend.Backend;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreContract;
import dev.keyrun.backend.systemd.SystemdCredsStore;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-creds://NAME} from a credential directory as systemd passes it to a unit: files of
 * mode 0400 in {@code $CREDENTIALS_DIRECTORY}. No credential store is searched.
 */
class SystemdCredsContractTest extends StoreContract {
  private final SystemdCredsStore store = new SystemdCredsStore();
  private final Map<String, byte[]> environment = new HashMap<>();

  @TempDir Path directory;

  private Path credentials() throws IOException {
    Path credentials = directory.resolve("credentials");
    Files.createDirectories(credentials);
    environment.put("CREDENTIALS_DIRECTORY", bytes(credentials.toString()));
    environment.put("KEYRUN_CREDSTORE_PATH", bytes(directory.resolve("no-store").toString()));
    return credentials;
  }

  @Override
  protected Backend backend() {
    return store;
  }

  @Override
  protected StoreContext context() throws IOException {
    credentials();
    return new StoreContext(Map.copyOf(environment), directory, deadline());
  }

  @Override
  protected Reference seedEntry(String name, byte[] value) throws IOException {
    Path file = Files.write(credentials().resolve(name), value);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    return new Reference(Scheme.SYSTEMD_CREDS, name);
  }

  @Override
  protected Reference absent() {
    return new Reference(Scheme.SYSTEMD_CREDS, "absent");
  }

  @Override
  protected String missingText(Reference absent) {
    return "not in " + directory.resolve("credentials");
  }

  /** Sets a relative CREDENTIALS_DIRECTORY, which systemd never sets, to fail the store. */
  @Override
  protected Failure failure(Reference seeded, byte[] value) throws IOException {
    Map<String, byte[]> relative = new HashMap<>(environment);
    relative.put("CREDENTIALS_DIRECTORY", bytes("credentials"));
    StoreContext context = new StoreContext(Map.copyOf(relative), directory, deadline());
    return new Failure.InProcess(
        seeded, context, "CREDENTIALS_DIRECTORY is not an absolute path", "LoadCredential=");
  }

  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
