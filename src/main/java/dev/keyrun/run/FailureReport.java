package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the keys that could not be resolved and reports one failure each. Keys that one store
 * failure failed together (an unreadable store file, a timeout) share one line naming them all.
 */
final class FailureReport {
  private final List<KeyrunException> failures = new ArrayList<>();
  private final Map<StoreFailure, List<Affected>> storeFailures = new LinkedHashMap<>();

  void missing(String key, Outcome.Missing missing) {
    failures.add(
        KeyrunException.failed(key, missing.reference() + " " + missing.problem(), missing.hint()));
  }

  void failed(String key, Outcome.Failed failed) {
    StoreFailure cause = new StoreFailure(failed.store(), failed.problem(), failed.hint());
    Affected affected = new Affected(key, failed.reference().toString());
    storeFailures.computeIfAbsent(cause, c -> new ArrayList<>()).add(affected);
  }

  void add(KeyrunException failure) {
    failures.add(failure);
  }

  /** Throws every collected failure as one exception, the last carrying the others. */
  void throwIfAny() {
    List<KeyrunException> all = new ArrayList<>(failures);
    storeFailures.forEach((cause, affected) -> all.add(cause.describe(affected)));
    if (all.isEmpty()) {
      return;
    }
    KeyrunException last = all.remove(all.size() - 1);
    throw last.after(all);
  }

  private record Affected(String key, String reference) {}

  private record StoreFailure(String store, String problem, String hint) {
    KeyrunException describe(List<Affected> affected) {
      if (affected.size() == 1) {
        Affected only = affected.get(0);
        return KeyrunException.failed(
            only.key(), only.reference() + ": " + store + ": " + problem, hint);
      }
      List<String> keys = new ArrayList<>();
      affected.forEach(a -> keys.add(a.key()));
      return KeyrunException.failed(String.join(", ", keys), store + ": " + problem, hint);
    }
  }
}
