package dev.keyrun.doctor;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.Segment;
import dev.keyrun.mask.Masks;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Finds the plaintext values in env files that equal one of a set of values. Values are compared by
 * their SHA-256 digest, computed in memory, so the scan keeps no value and reports only where a
 * copy is: file, line and key.
 *
 * <p>Only values written as literal text count: a reference, an empty value and a value with a
 * {@code ${NAME}} expansion are skipped, and so are values shorter than {@link Masks#MIN_LENGTH}
 * bytes, which match too many unrelated settings. Files that are not regular, larger than 1 MiB, or
 * cannot be read or parsed are skipped.
 */
final class CopyScan {
  /**
   * A plaintext copy.
   *
   * @param file the absolute file
   * @param line the 1-based line of its key
   * @param key the key the value is assigned to
   * @param digest the digest of the value
   */
  record Copy(Path file, int line, String key, String digest) {}

  private final Set<String> digests;
  private final List<Copy> copies = new ArrayList<>();

  /** Creates a scan for the values whose digests are {@code digests}. */
  CopyScan(Set<String> digests) {
    this.digests = Set.copyOf(digests);
  }

  /** Returns the hex SHA-256 digest of {@code value}, or null when it is too short to compare. */
  static String digest(byte[] value) {
    if (value.length < Masks.MIN_LENGTH) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Scans {@code file} and records each entry whose value is one of the values looked for. */
  void scan(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)
          || Files.size(absolute) > PlaintextEnvFiles.MAX_BYTES) {
        return;
      }
      byte[] content = Files.readAllBytes(absolute);
      for (DotenvEntry entry : DotenvParser.parse(absolute.toString(), content)) {
        record(absolute, entry);
      }
    } catch (IOException | DotenvSyntaxException e) {
      // NOTE: a copy in a file that cannot be read or parsed goes unnoticed. env-permissions
      // reports such a file as plaintext.
    }
  }

  /** Returns every copy found, in scan order. */
  List<Copy> copies() {
    return List.copyOf(copies);
  }

  private void record(Path file, DotenvEntry entry) {
    StringBuilder literal = new StringBuilder();
    for (Segment segment : entry.segments()) {
      if (!(segment instanceof Segment.Literal text)) {
        return;
      }
      literal.append(text.text());
    }
    String value = literal.toString();
    if (Reference.isReference(value)) {
      return;
    }

    String digest = digest(value.getBytes(StandardCharsets.UTF_8));
    if (digest != null && digests.contains(digest)) {
      copies.add(new Copy(file, entry.line(), entry.key(), digest));
    }
  }
}
