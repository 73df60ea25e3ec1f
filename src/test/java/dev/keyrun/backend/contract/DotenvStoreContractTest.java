package dev.keyrun.backend.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keyrun.backend.DotenvStore;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.WritableBackend;
import dev.keyrun.backend.WritableStoreContract;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dotenv:KEY}: keys of a store file that {@code KEYRUN_DOTENV_STORE} names. Seeding writes
 * the whole file in the test, with values double-quoted and escaped.
 */
class DotenvStoreContractTest extends WritableStoreContract {
  private final DotenvStore store = new DotenvStore();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  @TempDir Path home;

  private Path storeFile() {
    return home.resolve("secrets.env");
  }

  @Override
  protected WritableBackend backend() {
    return store;
  }

  @Override
  protected StoreContext context() {
    Map<String, byte[]> environment = inheritedEnvironment();
    environment.put("KEYRUN_DOTENV_STORE", utf8(storeFile().toString()));
    return new StoreContext(environment, home, deadline());
  }

  @Override
  protected Reference seedEntry(String name, byte[] value) throws IOException {
    String key = key(name);
    entries.put(key, value);
    writeStoreFile("rw-------");
    return new Reference(Scheme.DOTENV, key);
  }

  @Override
  protected Reference absent() throws IOException {
    writeStoreFile("rw-------");
    return new Reference(Scheme.DOTENV, key("absent"));
  }

  @Override
  protected String missingText(Reference absent) {
    return "not found in the dotenv store " + storeFile();
  }

  @Override
  protected Failure failure(Reference seeded, byte[] value) throws IOException {
    writeStoreFile("rw-r--r--");
    return new Failure.InProcess(
        seeded,
        context(),
        storeFile() + " is accessible to group or others (mode 0644)",
        "chmod 600 " + storeFile());
  }

  @Override
  protected boolean keepsTrailingNewline() {
    return true;
  }

  @Override
  protected Reference newEntry(String name) {
    return new Reference(Scheme.DOTENV, key(name));
  }

  /** Writes every seeded entry to the store file and sets its mode. */
  private void writeStoreFile(String mode) throws IOException {
    StringBuilder content = new StringBuilder("# seeded by DotenvStoreContractTest\n");
    entries.forEach(
        (key, value) ->
            content
                .append(key)
                .append('=')
                .append(doubleQuoted(new String(value, UTF_8)))
                .append('\n'));
    Files.writeString(storeFile(), content);
    Files.setPosixFilePermissions(storeFile(), PosixFilePermissions.fromString(mode));
  }

  /**
   * Returns {@code text} in double quotes, in which keyrun's dialect decodes {@code \\ \" \$ \n \t
   * \r} and expands nothing else once {@code $} is escaped.
   */
  private static String doubleQuoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '"', '$' -> quoted.append('\\').append(c);
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}
