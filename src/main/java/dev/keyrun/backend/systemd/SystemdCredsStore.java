package dev.keyrun.backend.systemd;

import dev.keyrun.backend.BoundedRead;
import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.InvalidReferenceException;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreException;
import dev.keyrun.backend.StoreInfo;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code systemd-creds://NAME}: a systemd credential, read from {@code $CREDENTIALS_DIRECTORY/NAME}
 * (set inside a unit with {@code LoadCredential=} or {@code LoadCredentialEncrypted=}), else from
 * the credential stores that {@code KEYRUN_CREDSTORE_PATH} or {@code credstore.path} in the user's
 * config file lists. A directory whose name ends in {@code .encrypted} contains encrypted
 * credentials, which {@code systemd-creds decrypt} opens. Bytes are kept exactly as stored.
 */
public final class SystemdCredsStore implements dev.keyrun.backend.Backend {
  /** The credential stores searched when no setting lists others, in systemd's order. */
  public static final List<String> DEFAULT_CREDSTORES =
      List.of(
          "/run/credstore",
          "/etc/credstore",
          "/run/credstore.encrypted",
          "/etc/credstore.encrypted");

  private static final String DEFAULT_TOOL = "/usr/bin/systemd-creds";
  private static final String SYNTAX =
      "systemd-creds://NAME, NAME without '/', ':' or control characters, at most 255 bytes";
  private static final StoreInfo INFO =
      new StoreInfo(
          "systemd credentials",
          List.of(Scheme.SYSTEMD_CREDS),
          "credentials a systemd unit receives, or the credential stores of this machine",
          "systemd-creds://openai",
          "pass it to the unit with LoadCredential=NAME or LoadCredentialEncrypted=NAME, or put"
              + " it in a credential store such as /etc/credstore.encrypted");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    Optional<Path> unitDirectory = credentialsDirectory(context);
    List<Path> stores = Credstores.directories(context);
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      String name = validName(reference);
      values.put(reference, find(name, unitDirectory, stores, context));
    }
    return values;
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    List<String> places = new ArrayList<>();
    String directory = context.environmentText("CREDENTIALS_DIRECTORY");
    places.add(
        directory == null || directory.isEmpty()
            ? "CREDENTIALS_DIRECTORY is not set"
            : "not in " + directory);
    try {
      Credstores.directories(context).forEach(store -> places.add(store.toString()));
    } catch (StoreException e) {
      places.add(e.getMessage());
    }
    return "not found (" + String.join("; ", places) + ")";
  }

  @Override
  public String missingHint(Reference reference) {
    return "CREDENTIALS_DIRECTORY is set only inside a unit with LoadCredential= or"
        + " LoadCredentialEncrypted=, and ExecStop= commands do not get it; or put the"
        + " credential in a credential store, such as with systemd-creds encrypt --name="
        + reference.body()
        + " - /etc/credstore.encrypted/"
        + reference.body();
  }

  /**
   * Returns {@code $CREDENTIALS_DIRECTORY}, or empty when it is unset.
   *
   * @throws StoreException when it is set to a relative path, which systemd never does
   */
  private static Optional<Path> credentialsDirectory(StoreContext context) throws StoreException {
    String directory = context.environmentText("CREDENTIALS_DIRECTORY");
    if (directory == null || directory.isEmpty()) {
      return Optional.empty();
    }
    if (!directory.startsWith("/")) {
      throw new StoreException(
          "CREDENTIALS_DIRECTORY is not an absolute path",
          "it is set by systemd inside a unit with LoadCredential=; unset it elsewhere");
    }
    return Optional.of(Path.of(directory));
  }

  /**
   * Returns the reference's name, validated as systemd does: a file name that is also a valid file
   * descriptor name.
   *
   * @throws InvalidReferenceException when systemd would reject the name
   */
  public static String requireValidName(Reference reference) {
    return validName(reference);
  }

  static String validName(Reference reference) {
    String name = reference.body();
    boolean valid =
        !name.isEmpty()
            && !name.equals(".")
            && !name.equals("..")
            && name.length() <= 255
            && name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '/' && c != ':');
    if (!valid) {
      throw new InvalidReferenceException(reference, "invalid credential name", SYNTAX);
    }
    return name;
  }

  private static Optional<Secret> find(
      String name, Optional<Path> unitDirectory, List<Path> stores, StoreContext context)
      throws StoreException {
    if (unitDirectory.isPresent()) {
      Optional<Secret> value = readPlain(unitDirectory.get().resolve(name));
      if (value.isPresent()) {
        return value;
      }
    }
    for (Path store : stores) {
      Path file = store.resolve(name);
      if (!exists(file)) {
        continue;
      }
      return store.getFileName().toString().endsWith(".encrypted")
          ? Optional.of(decrypt(name, file, context))
          : readPlain(file);
    }
    return Optional.empty();
  }

  /**
   * Tells whether {@code file} exists. A store directory the user cannot enter is an error, not an
   * absence, because root-only stores are the usual setup and a later store must not supply the
   * value.
   */
  static boolean exists(Path file) throws StoreException {
    try {
      Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  private static StoreException readFailure(Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new StoreException(
          "cannot read " + file + ": permission denied",
          "credential stores are readable by root only; run the command as a unit with"
              + " LoadCredential=, which passes it in CREDENTIALS_DIRECTORY",
          e);
    }
    return new StoreException("cannot read " + file + ": " + e.getMessage(), null, e);
  }

  private static Optional<Secret> readPlain(Path file) throws StoreException {
    try {
      byte[] bytes = BoundedRead.read(file);
      Secret secret = Secret.of(bytes);
      Arrays.fill(bytes, (byte) 0);
      return Optional.of(secret);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /** Returns the systemd-creds program: {@code KEYRUN_SYSTEMD_CREDS_BIN}, else the system's. */
  public static String tool(Map<String, byte[]> environment) {
    byte[] configured = environment.get("KEYRUN_SYSTEMD_CREDS_BIN");
    return configured == null || configured.length == 0
        ? DEFAULT_TOOL
        : new String(configured, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Decrypts {@code file} with {@code systemd-creds decrypt}, which checks the embedded name. */
  private static Secret decrypt(String name, Path file, StoreContext context)
      throws StoreException {
    List<String> arguments = List.of("decrypt", "--name=" + name, file.toString(), "-");
    HelperProcess.Result result;
    try {
      result = SystemdCredsTool.run(arguments, null, context.environment(), context.deadline());
    } catch (HelperProcess.TimedOut e) {
      throw new StoreException(
          "timed out waiting for systemd-creds decrypt " + file, "raise --timeout", e);
    }
    if (result.exitCode() != 0) {
      throw new StoreException(
          "systemd-creds cannot decrypt " + file + ": " + result.firstErrorLine(),
          "decrypting needs root and this machine's credential key (or its TPM2)");
    }
    Secret secret = Secret.of(result.stdout());
    Arrays.fill(result.stdout(), (byte) 0);
    return secret;
  }
}
