package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves every reference the selected keys use and composes each key's final bytes. All or
 * nothing: if any reference fails, every failure is reported and no value is returned.
 */
final class Composer {
  private final Resolver resolver;
  private final StoreContext context;

  Composer(Resolver resolver, StoreContext context) {
    this.resolver = resolver;
    this.context = context;
  }

  Map<String, byte[]> compose(List<Declaration> declarations, Duration timeout) {
    List<Reference> references = new ArrayList<>();
    for (Declaration declaration : declarations) {
      for (Piece piece : declaration.value().pieces()) {
        if (piece.reference()) {
          references.add(Reference.parse(piece.text()).orElseThrow());
        }
      }
    }

    Map<Reference, Outcome> outcomes = resolver.resolve(references, context, timeout);

    FailureReport report = new FailureReport();
    Map<String, byte[]> values = new LinkedHashMap<>();
    for (Declaration declaration : declarations) {
      Outcome failure = firstFailure(declaration, outcomes);
      if (failure instanceof Outcome.Missing missing) {
        report.missing(declaration.key(), missing);
      } else if (failure instanceof Outcome.Failed failed) {
        report.failed(declaration.key(), failed);
      } else {
        try {
          values.put(declaration.key(), bytes(declaration, outcomes));
        } catch (KeyrunException e) {
          report.add(e);
        }
      }
    }
    report.throwIfAny();
    return values;
  }

  private static byte[] bytes(Declaration declaration, Map<Reference, Outcome> outcomes) {
    byte[] value = compose(declaration, outcomes);
    for (byte b : value) {
      if (b == 0) {
        throw KeyrunException.failed(
            declaration.key(),
            "the value ("
                + declaration.origin()
                + ") contains a NUL byte, which an environment"
                + " variable cannot carry",
            "remove the NUL byte, or store the value in a text form such as base64");
      }
    }
    return value;
  }

  private static byte[] compose(Declaration declaration, Map<Reference, Outcome> outcomes) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (Piece piece : declaration.value().pieces()) {
      if (!piece.reference()) {
        value.writeBytes(piece.text().getBytes(StandardCharsets.UTF_8));
        continue;
      }
      Outcome outcome = outcomes.get(Reference.parse(piece.text()).orElseThrow());
      value.writeBytes(((Outcome.Found) outcome).secret().bytes());
    }
    return value.toByteArray();
  }

  private static Outcome firstFailure(Declaration declaration, Map<Reference, Outcome> outcomes) {
    for (Piece piece : declaration.value().pieces()) {
      if (piece.reference()) {
        Outcome outcome = outcomes.get(Reference.parse(piece.text()).orElseThrow());
        if (!(outcome instanceof Outcome.Found)) {
          return outcome;
        }
      }
    }
    return null;
  }
}
