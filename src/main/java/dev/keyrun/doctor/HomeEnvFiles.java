package dev.keyrun.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The plaintext env files that the walk of the home directory finds (see {@link HomeWalk}). Both
 * {@code home-env-files} and {@code master-tokens} read them, so one instance walks once per scope
 * and keeps the result.
 */
final class HomeEnvFiles {
  /** The result of one walk: absolute paths of plaintext env files, and why it stopped early. */
  record Result(List<Path> plaintextFiles, String limit) {}

  private Scope walked;
  private Result result;

  /** Returns the walk's result for {@code scope}, walking on the first call for that scope. */
  synchronized Result of(Scope scope) {
    if (walked != scope) {
      result = walk(scope);
      walked = scope;
    }
    return result;
  }

  private static Result walk(Scope scope) {
    Path home = scope.host().home();
    BoundedWalk walk = HomeWalk.over(home, scope.project().directory());

    List<Path> relative = new ArrayList<>();
    for (Path file : new LinkedHashSet<>(walk.files())) {
      relative.add(home.relativize(file));
    }
    List<Path> plaintext = new ArrayList<>();
    for (Path file : PlaintextEnvFiles.of(home, relative)) {
      plaintext.add(home.resolve(file));
    }
    return new Result(List.copyOf(plaintext), walk.limit());
  }
}
