package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BoundedRead;
import dev.keyrun.backend.PrivateFile;
import dev.keyrun.dotenv.DotenvExpander;
import dev.keyrun.dotenv.DotenvSyntaxException;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.reference.Reference;
import dev.keyrun.reference.Scheme;
import dev.keyrun.text.StrictUtf8;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@code --env-file} files in order. A later file overrides an earlier one, and {@code
 * ${NAME}} in a later file can use the keys of the earlier ones before the environment.
 *
 * <p>A file that contains a plain value must be private to the user, like a store file; a file of
 * references only (and empty values) may be shared, because it holds no secret.
 */
final class EnvFiles {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private EnvFiles() {}

  static Map<String, ExpandedValue> load(List<Path> files, Map<String, byte[]> environment) {
    return load(files, environment, false);
  }

  /**
   * Loads the files, and with {@code manifest} logs no note about a missing .env, which a project
   * with a manifest does not read.
   */
  static Map<String, ExpandedValue> load(
      List<Path> files, Map<String, byte[]> environment, boolean manifest) {
    if (files.isEmpty() && !manifest) {
      LOG.info("no --env-file given and no .env in {}", Path.of("").toAbsolutePath());
    }
    Map<String, ExpandedValue> declared = new LinkedHashMap<>();
    for (Path file : files) {
      Map<String, ExpandedValue> values = loadOne(file, declared, environment);
      LOG.info("env file {}: {}", file, values.size() == 1 ? "1 key" : values.size() + " keys");
      declared.putAll(values);
    }
    return declared;
  }

  private static Map<String, ExpandedValue> loadOne(
      Path file, Map<String, ExpandedValue> earlier, Map<String, byte[]> environment) {
    BasicFileAttributes before = attributes(file);
    byte[] content = read(file);

    Map<String, ExpandedValue> values;
    try {
      values =
          DotenvExpander.parseAndExpand(
              file.toString(),
              content,
              name -> lookup(name, earlier, environment, file),
              Reference::isReference);
    } catch (DotenvSyntaxException e) {
      throw KeyrunException.failed(
          e.source() + ":" + e.line(),
          e.displayReason(),
          "fix that line; the whole file was rejected");
    }

    List<String> plainKeys = plainKeys(values);
    if (!plainKeys.isEmpty()) {
      requirePrivate(file, before, plainKeys, misspeltReferences(values));
    }
    return values;
  }

  private static String lookup(
      String name, Map<String, ExpandedValue> earlier, Map<String, byte[]> environment, Path file) {
    ExpandedValue value = earlier.get(name);
    if (value == null) {
      byte[] inherited = environment.get(name);
      return inherited == null ? null : decodeInherited(name, inherited);
    }
    if (value.isReference()) {
      return value.pieces().get(0).text();
    }
    if (value.isPlain()) {
      return value.plainText();
    }
    throw KeyrunException.failed(
        file.toString(),
        "${" + name + "} refers to a value composed from a reference in an earlier file",
        "declare " + name + " in the same file as the line that uses it");
  }

  /**
   * Decodes an inherited value for {@code ${NAME}}, strictly: replacing a byte that is not UTF-8
   * would silently change a password.
   */
  private static String decodeInherited(String name, byte[] value) {
    return StrictUtf8.decode(value)
        .orElseThrow(
            () ->
                KeyrunException.failed(
                    "${" + name + "}",
                    "the inherited variable " + name + " holds bytes that are not UTF-8",
                    "write env://"
                        + name
                        + " as the whole value instead, which passes the bytes unchanged"));
  }

  /**
   * Returns the keys the file writes a plain value for, in any of their assignments, since a later
   * reference does not take the plaintext out of the file.
   */
  private static List<String> plainKeys(Map<String, ExpandedValue> values) {
    List<String> keys = new java.util.ArrayList<>();
    for (ExpandedValue value : values.values()) {
      if (value.plaintextInFile()) {
        keys.add(value.key());
      }
    }
    return keys;
  }

  /**
   * Returns the keys whose plain value written in the file looks like a misspelt reference, each
   * with the scheme it probably meant, such as {@code A (keyring://)}.
   */
  private static List<String> misspeltReferences(Map<String, ExpandedValue> values) {
    List<String> misspelt = new java.util.ArrayList<>();
    for (ExpandedValue value : values.values()) {
      if (value.plaintextInFile() && value.isPlain()) {
        Optional<Scheme> scheme = Scheme.closestTo(value.plainText());
        scheme.ifPresent(s -> misspelt.add(value.key() + " (" + s.prefix() + ")"));
      }
    }
    return misspelt;
  }

  /**
   * Returns the hint for a shared file with plain values: fixing misspelt references, which are no
   * secret, alone when they are all the plain values, else together with the mode.
   */
  private static String privacyHint(
      List<String> plainKeys, List<String> misspelt, String modeHint) {
    if (misspelt.isEmpty()) {
      return modeHint;
    }
    String fix = "these look like misspelt references: " + String.join(", ", misspelt);
    return misspelt.size() == plainKeys.size()
        ? fix + "; fix them"
        : fix + "; for the rest, " + modeHint;
  }

  private static void requirePrivate(
      Path file, BasicFileAttributes before, List<String> plainKeys, List<String> misspelt) {
    BasicFileAttributes after;
    try {
      after = PrivateFile.check(file);
    } catch (PrivateFile.UnsafeFileException e) {
      throw KeyrunException.failed(
          file.toString(),
          "contains plain values (" + describe(plainKeys) + ") and " + e.problem(),
          privacyHint(plainKeys, misspelt, e.hint()));
    } catch (IOException e) {
      throw KeyrunException.failed(
          file.toString(), "cannot check permissions: " + e.getMessage(), null);
    }
    if (!PrivateFile.sameFile(before, after)) {
      throw KeyrunException.failed(
          file.toString(), "changed while it was read", "run keyrun again");
    }
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the --env-file path");
    } catch (AccessDeniedException e) {
      throw KeyrunException.failed(
          file.toString(), "permission denied", "make it readable by you: chmod u+r " + file);
    } catch (IOException e) {
      throw KeyrunException.failed(file.toString(), "cannot read: " + e.getMessage(), null);
    }
  }

  private static byte[] read(Path file) {
    try {
      return BoundedRead.read(file);
    } catch (NoSuchFileException e) {
      throw KeyrunException.failed(file.toString(), "no such file", "check the --env-file path");
    } catch (BoundedRead.TooLargeException e) {
      throw KeyrunException.failed(
          file.toString(),
          "larger than 1 MiB",
          "an env file holds KEY=VALUE lines; check the path");
    } catch (AccessDeniedException e) {
      throw KeyrunException.failed(
          file.toString(), "permission denied", "make it readable by you: chmod u+r " + file);
    } catch (IOException e) {
      throw KeyrunException.failed(file.toString(), "cannot read: " + e.getMessage(), null);
    }
  }

  /** Names up to three keys, so that a long file does not make a long line. */
  private static String describe(List<String> keys) {
    if (keys.size() <= 3) {
      return String.join(", ", keys);
    }
    return String.join(", ", keys.subList(0, 3)) + " and " + (keys.size() - 3) + " more";
  }
}
