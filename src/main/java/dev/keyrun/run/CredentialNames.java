package dev.keyrun.run;

import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.project.Project;
import dev.keyrun.reference.Scheme;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The systemd credentials that a manifest and env files refer to, for a unit that must load them.
 */
public final class CredentialNames {
  private CredentialNames() {}

  /**
   * Returns the names of the {@code systemd-creds://} references in {@code files}, in the order
   * they first appear. The files are read and checked exactly as a run reads them.
   */
  public static Set<String> in(List<Path> files, Map<String, byte[]> environment) {
    return in(Optional.empty(), files, environment);
  }

  /**
   * Returns the names of the {@code systemd-creds://} references of {@code project}'s manifest,
   * with its active profile, and of {@code files}, in the order they first appear.
   */
  public static Set<String> in(
      Optional<Project> project, List<Path> files, Map<String, byte[]> environment) {
    Set<String> names = new LinkedHashSet<>();
    for (DeclaredKeys.Key key : DeclaredKeys.of(project, files, environment)) {
      key.value().ifPresent(value -> names.addAll(in(value)));
    }
    return names;
  }

  /** Returns the names of the {@code systemd-creds://} references that {@code value} uses. */
  static Set<String> in(ExpandedValue value) {
    Set<String> names = new LinkedHashSet<>();
    String prefix = Scheme.SYSTEMD_CREDS.prefix();
    for (Piece piece : value.pieces()) {
      if (piece.reference() && piece.text().startsWith(prefix)) {
        names.add(piece.text().substring(prefix.length()));
      }
    }
    return names;
  }
}
