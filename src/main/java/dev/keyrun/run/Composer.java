package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.Outcome;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.dotenv.Piece;
import dev.keyrun.launch.Posix;
import dev.keyrun.reference.Reference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves every reference the selected keys use and composes each key's final bytes. All or
 * nothing: if any reference fails, every failure is reported and no value is returned.
 */
final class Composer {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private final Resolver resolver;
  private final StoreContext context;
  private final List<byte[]> secrets = new ArrayList<>();

  Composer(Resolver resolver, StoreContext context) {
    this.resolver = resolver;
    this.context = context;
  }

  /**
   * Resolves and composes every declaration. Keys for which {@code isVariable} is true must fit in
   * an environment variable (no NUL byte, within Linux's size limit); files carry any bytes.
   */
  Map<String, byte[]> compose(
      List<Declaration> declarations, Duration timeout, Predicate<String> isVariable) {
    return compose(declarations, timeout, isVariable, key -> false);
  }

  /**
   * Resolves and composes as {@link #compose(List, Duration, Predicate)} does, but leaves out a key
   * for which {@code isOptional} is true when its store has no such entry: the returned map then
   * lacks that key. A store that fails still fails an optional key, since its entry may exist.
   */
  Map<String, byte[]> compose(
      List<Declaration> declarations,
      Duration timeout,
      Predicate<String> isVariable,
      Predicate<String> isOptional) {
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
      if (failure instanceof Outcome.Missing missing && isOptional.test(declaration.key())) {
        LOG.info(
            "{}: optional, {} {}; left out",
            declaration.key(),
            missing.reference(),
            missing.problem());
      } else if (failure instanceof Outcome.Missing missing) {
        report.missing(declaration.key(), missing);
      } else if (failure instanceof Outcome.Failed failed) {
        report.failed(declaration.key(), failed);
      } else {
        try {
          values.put(declaration.key(), bytes(declaration, outcomes, isVariable));
        } catch (KeyrunException e) {
          report.add(e);
        }
      }
    }
    report.throwIfAny();
    return values;
  }

  /** Returns the values the references resolved to, for masking. */
  List<byte[]> secrets() {
    return secrets;
  }

  private byte[] bytes(
      Declaration declaration, Map<Reference, Outcome> outcomes, Predicate<String> isVariable) {
    byte[] value = compose(declaration, outcomes);
    if (isVariable.test(declaration.key())) {
      requireFitsVariable(declaration, value);
    }
    return value;
  }

  private static void requireFitsVariable(Declaration declaration, byte[] value) {
    for (byte b : value) {
      if (b == 0) {
        throw KeyrunException.failed(
            declaration.key(),
            "the value ("
                + declaration.origin()
                + ") contains a NUL byte, which an environment"
                + " variable cannot carry",
            "deliver it as a file with --file " + declaration.key() + ", or remove the NUL byte");
      }
    }
    requireFitsOneVariable(declaration, value);
  }

  /**
   * Rejects a value that Linux cannot pass in one environment variable: execve fails with E2BIG
   * when one {@code KEY=VALUE} string, with its NUL, exceeds MAX_ARG_STRLEN (32 pages, 128 KiB with
   * 4 KiB pages), and then no message could name the key.
   */
  private static void requireFitsOneVariable(Declaration declaration, byte[] value) {
    long size = declaration.key().length() + 1L + value.length + 1;
    if (size > maxVariableBytes()) {
      throw KeyrunException.failed(
          declaration.key(),
          "the value ("
              + declaration.origin()
              + ") is "
              + value.length
              + " bytes, and Linux passes at most "
              + (maxVariableBytes() - declaration.key().length() - 2)
              + " bytes as its value (one environment variable, NAME=VALUE and a NUL, is limited to "
              + maxVariableBytes() / 1024
              + " KiB)",
          "deliver it as a file with --file " + declaration.key());
    }
  }

  private byte[] compose(Declaration declaration, Map<Reference, Outcome> outcomes) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (Piece piece : declaration.value().pieces()) {
      if (!piece.reference()) {
        value.writeBytes(piece.text().getBytes(StandardCharsets.UTF_8));
        continue;
      }
      Outcome outcome = outcomes.get(Reference.parse(piece.text()).orElseThrow());
      byte[] secret = ((Outcome.Found) outcome).secret().bytes();
      secrets.add(secret);
      value.writeBytes(secret);
    }
    return value.toByteArray();
  }

  /** Returns Linux's MAX_ARG_STRLEN, or no limit elsewhere, where only the total is limited. */
  private static long maxVariableBytes() {
    return VariableLimit.BYTES;
  }

  /** Linux's MAX_ARG_STRLEN, asked of the C library once, or no limit elsewhere. */
  private static final class VariableLimit {
    static final long BYTES =
        System.getProperty("os.name", "").startsWith("Linux")
            ? 32L * Posix.pageSize()
            : Long.MAX_VALUE;

    private VariableLimit() {}
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
