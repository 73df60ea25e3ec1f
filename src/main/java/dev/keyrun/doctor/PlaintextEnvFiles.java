package dev.keyrun.doctor;

import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.Segment;
import dev.keyrun.reference.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Selects the env-like files of a project that contain a plaintext value: a non-empty value that is
 * not a reference such as {@code keyring://app/token}. A file that cannot be read or parsed counts
 * as plaintext, because doctor cannot show that it is not.
 */
final class PlaintextEnvFiles {
  /** Files larger than this are not parsed and count as plaintext. */
  static final long MAX_BYTES = 1 << 20;

  private PlaintextEnvFiles() {}

  /** Returns those of {@code envFiles}, relative to {@code directory}, that are plaintext. */
  static List<Path> of(Path directory, List<Path> envFiles) {
    List<Path> plaintext = new ArrayList<>();
    for (Path file : envFiles) {
      if (containsPlaintext(directory.resolve(file))) {
        plaintext.add(file);
      }
    }
    return plaintext;
  }

  /** Tells whether {@code file} contains a plaintext value, or cannot be shown not to. */
  static boolean containsPlaintext(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        return true;
      }
      for (DotenvEntry entry : DotenvParser.parse(file.toString(), Files.readAllBytes(file))) {
        if (isPlaintext(entry)) {
          return true;
        }
      }
      return false;
    } catch (IOException | DotenvSyntaxException e) {
      return true;
    }
  }

  static boolean isPlaintext(DotenvEntry entry) {
    StringBuilder literal = new StringBuilder();
    for (Segment segment : entry.segments()) {
      if (segment instanceof Segment.Literal text) {
        literal.append(text.text());
      }
    }
    String value = literal.toString().strip();
    return !value.isEmpty() && !Reference.isReference(value);
  }
}
