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

    List<KeyrunException> failures = new ArrayList<>();
    Map<String, byte[]> values = new LinkedHashMap<>();
    for (Declaration declaration : declarations) {
      try {
        values.put(declaration.key(), bytes(declaration, outcomes));
      } catch (KeyrunException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      KeyrunException last = failures.remove(failures.size() - 1);
      throw last.after(failures);
    }
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
                + ") holds a NUL byte, which an environment"
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
      value.writeBytes(secretBytes(declaration, outcome));
    }
    return value.toByteArray();
  }

  private static byte[] secretBytes(Declaration declaration, Outcome outcome) {
    String subject = declaration.key();
    if (outcome instanceof Outcome.Missing missing) {
      throw KeyrunException.failed(
          subject, missing.reference() + " not found in the " + missing.store(), missing.hint());
    }
    if (outcome instanceof Outcome.Failed failed) {
      throw KeyrunException.failed(
          subject,
          failed.reference() + ": " + failed.store() + ": " + failed.problem(),
          failed.hint());
    }
    return ((Outcome.Found) outcome).secret().bytes();
  }
}
