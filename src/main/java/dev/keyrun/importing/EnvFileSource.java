package dev.keyrun.importing;

import dev.keyrun.KeyrunException;
import dev.keyrun.dotenv.DotenvEntry;
import dev.keyrun.dotenv.DotenvParser;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.text.StrictUtf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * An env file as read for an import: its bytes, its text and its assignments. {@link #toString()}
 * shows only the path, because the content contains plaintext secrets.
 */
record EnvFileSource(Path file, byte[] content, String text, List<DotenvEntry> entries) {

  /**
   * Reads and parses {@code file}, which must be a regular file and not a symbolic link, because
   * the import replaces it by renaming a new file over its path.
   */
  static EnvFileSource read(Path file) {
    byte[] content = readBytes(file);
    String text =
        StrictUtf8.decode(content)
            .orElseThrow(
                () ->
                    KeyrunException.failed(
                        file.toString(), "not valid UTF-8", "save the file as UTF-8"));
    try {
      return new EnvFileSource(file, content, text, DotenvParser.parse(file.toString(), text));
    } catch (DotenvSyntaxException e) {
      throw KeyrunException.failed(
          e.source() + ":" + e.line(),
          e.displayReason(),
          "fix that line; keyrun import changes nothing until the whole file parses",
          e);
    }
  }

  private static byte[] readBytes(Path file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        throw KeyrunException.failed(
            file.toString(),
            "is a symbolic link",
            "import the file it points to: keyrun import " + file.toRealPath() + " ...");
      }
      if (!attributes.isRegularFile()) {
        throw KeyrunException.failed(file.toString(), "is not a regular file", null);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the path", e);
    } catch (IOException e) {
      throw KeyrunException.failed(file.toString(), "cannot read it: " + e.getMessage(), null, e);
    }
  }

  @Override
  public String toString() {
    return "EnvFileSource[" + file + ", " + entries.size() + " assignments]";
  }
}
