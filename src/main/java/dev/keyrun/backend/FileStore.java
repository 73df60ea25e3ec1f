package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code file:///path}: the exact bytes of a whole file, such as a Docker secret under {@code
 * /run/secrets}. Nothing is trimmed. The file's mode is not checked, because such files are often
 * made by the platform (root-owned, mode 0444 inside a container) and hold one secret by design.
 */
public final class FileStore implements Backend {
  private static final StoreInfo INFO =
      new StoreInfo(
          "file store",
          List.of(Scheme.FILE),
          "the bytes of a whole file, exactly",
          "file:///run/secrets/db_password",
          "check the path");

  @Override
  public StoreInfo info() {
    return INFO;
  }

  @Override
  public String describeMissing(Reference reference, StoreContext context) {
    return "not found: no such file";
  }

  @Override
  public Map<Reference, Optional<Secret>> resolve(List<Reference> references, StoreContext context)
      throws StoreException {
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (Reference reference : references) {
      values.put(reference, read(reference));
    }
    return values;
  }

  private static Optional<Secret> read(Reference reference) throws StoreException {
    if (!reference.body().startsWith("/")) {
      throw new InvalidReferenceException(
          reference, "not an absolute path", "file:///absolute/path (three slashes)");
    }
    Path file = Path.of(reference.body());
    try {
      if (Files.isDirectory(file)) {
        throw new StoreException(file + " is a directory", "name a file");
      }
      return Optional.of(Secret.of(BoundedRead.read(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (BoundedRead.TooLargeException e) {
      throw new StoreException(e.getMessage(), "a secret file must be a small, regular file", e);
    } catch (AccessDeniedException e) {
      throw new StoreException("cannot read " + file + ": permission denied", null, e);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), null, e);
    }
  }
}
