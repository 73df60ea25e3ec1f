package dev.keyrun.check;

import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.reference.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves the references of a project's keys the way a run would, all stores in parallel, and
 * reports per key instead of all or nothing. Resolved values are wiped at once and never leave this
 * class.
 */
public final class KeyChecker {
  private final Resolver resolver;

  public KeyChecker(Resolver resolver) {
    this.resolver = resolver;
  }

  /** A key to check: its value as declared, where, and whether it must resolve. */
  public record Candidate(String key, ExpandedValue value, String origin, boolean required) {}

  /** Checks every candidate and returns one result each, in the same order. */
  public List<KeyCheck> check(List<Candidate> candidates, StoreContext context, Duration timeout) {
    List<Reference> references = new ArrayList<>();
    for (Candidate candidate : candidates) {
      references.addAll(referencesOf(candidate.value()));
    }

    Map<Reference, Outcome> outcomes = resolver.resolve(references, context, timeout);
    try {
      List<KeyCheck> checks = new ArrayList<>();
      for (Candidate candidate : candidates) {
        checks.add(judge(candidate, outcomes));
      }
      return checks;
    } finally {
      wipe(outcomes);
    }
  }

  private static KeyCheck judge(Candidate candidate, Map<Reference, Outcome> outcomes) {
    List<Reference> references = referencesOf(candidate.value());
    List<String> texts = new ArrayList<>();
    references.forEach(reference -> texts.add(reference.toString()));

    for (Reference reference : references) {
      Outcome outcome = outcomes.get(reference);
      if (outcome instanceof Outcome.Found) {
        continue;
      }
      // An optional key may lack its entry, because a run then leaves it out. A store that
      // fails still fails the key, because a run would fail too.
      boolean absent = !candidate.required() && outcome instanceof Outcome.Missing;
      KeyCheck.State state = absent ? KeyCheck.State.UNAVAILABLE : KeyCheck.State.FAILED;
      return new KeyCheck(
          candidate.key(),
          candidate.origin(),
          texts,
          candidate.required(),
          state,
          problem(outcome),
          hint(outcome));
    }
    return new KeyCheck(
        candidate.key(),
        candidate.origin(),
        texts,
        candidate.required(),
        KeyCheck.State.OK,
        null,
        null);
  }

  private static String problem(Outcome outcome) {
    if (outcome instanceof Outcome.Missing missing) {
      return missing.reference() + " " + missing.problem();
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    return failed.reference() + ": " + failed.store() + ": " + failed.problem();
  }

  private static String hint(Outcome outcome) {
    if (outcome instanceof Outcome.Missing missing) {
      return missing.hint();
    }
    return ((Outcome.Failed) outcome).hint();
  }

  private static List<Reference> referencesOf(ExpandedValue value) {
    List<Reference> references = new ArrayList<>();
    for (Piece piece : value.pieces()) {
      if (piece.reference()) {
        references.add(Reference.parse(piece.text()).orElseThrow());
      }
    }
    return references;
  }

  private static void wipe(Map<Reference, Outcome> outcomes) {
    for (Outcome outcome : outcomes.values()) {
      if (outcome instanceof Outcome.Found found) {
        found.secret().wipe();
      }
    }
  }
}
