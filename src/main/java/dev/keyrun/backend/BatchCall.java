package dev.keyrun.backend;

import dev.keyrun.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of a backend for its whole batch, turning what the backend returns or throws into one
 * {@link Outcome} per reference. A malformed reference fails alone; a store failure fails the
 * batch, or only the references it names, and the others are asked for again.
 */
final class BatchCall {
  private BatchCall() {}

  static List<Outcome> run(Backend backend, List<Reference> batch, StoreContext context) {
    List<Reference> valid = new ArrayList<>(batch);
    List<Outcome> outcomes = new ArrayList<>();
    while (!valid.isEmpty()) {
      try {
        outcomes.addAll(found(backend, valid, backend.resolve(valid, context), context));
        return outcomes;
      } catch (InvalidReferenceException e) {
        Reference bad = find(valid, e.reference());
        valid.remove(bad);
        outcomes.add(
            new Outcome.Failed(
                bad, backend.nameIn(context), e.problem(), "expected " + e.expected()));
      } catch (StoreException e) {
        List<Reference> failed = e.affected().isEmpty() ? valid : e.affected();
        outcomes.addAll(failAll(failed, backend.nameIn(context), e.getMessage(), e.hint()));
        if (failed == valid || !valid.removeAll(failed)) {
          return outcomes;
        }
      } catch (LinkageError e) {
        outcomes.addAll(
            failAll(
                valid,
                backend.nameIn(context),
                "cannot load the C library binding (JNA): " + e.getClass().getSimpleName(),
                "reinstall keyrun with scripts/install.sh"));
        return outcomes;
      } catch (RuntimeException e) {
        outcomes.addAll(
            failAll(
                valid, backend.nameIn(context), "internal error: " + e.getClass().getName(), null));
        return outcomes;
      }
    }
    return outcomes;
  }

  static List<Outcome> failAll(
      List<Reference> batch, String storeName, String problem, String hint) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Reference reference : batch) {
      outcomes.add(new Outcome.Failed(reference, storeName, problem, hint));
    }
    return outcomes;
  }

  private static List<Outcome> found(
      Backend backend,
      List<Reference> batch,
      Map<Reference, Optional<Secret>> values,
      StoreContext context) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Reference reference : batch) {
      Optional<Secret> value = values.getOrDefault(reference, Optional.empty());
      outcomes.add(
          value.isPresent()
              ? new Outcome.Found(reference, value.get())
              : new Outcome.Missing(
                  reference,
                  backend.nameIn(context),
                  backend.describeMissing(reference, context),
                  backend.missingHint(reference)));
    }
    return outcomes;
  }

  private static Reference find(List<Reference> batch, String text) {
    for (Reference reference : batch) {
      if (reference.toString().equals(text)) {
        return reference;
      }
    }
    throw new IllegalStateException("backend rejected a reference it was not given");
  }
}
