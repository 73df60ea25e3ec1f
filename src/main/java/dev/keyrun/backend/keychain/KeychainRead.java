package dev.keyrun.backend.keychain;

import dev.keyrun.backend.HelperProcess;
import dev.keyrun.backend.ParallelCalls;
import dev.keyrun.backend.Secret;
import dev.keyrun.backend.ServiceAccount;
import dev.keyrun.backend.StoreException;
import dev.keyrun.reference.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one keychain item with {@code security find-generic-password -w}, and a second time with
 * {@code -g} only when the output may be hex. Several items are read in parallel, a few {@code
 * security} processes at a time.
 */
final class KeychainRead {
  /** Reads at once: enough to hide process start-up, few enough not to stack access prompts. */
  private static final int PARALLEL_READS = 4;

  private final Reference reference;
  private final ServiceAccount item;

  KeychainRead(Reference reference, ServiceAccount item) {
    this.reference = reference;
    this.item = item;
  }

  /** Returns {@code -s SERVICE [-a ACCOUNT]}, the filters naming {@code item}. */
  static List<String> filters(ServiceAccount item) {
    List<String> filters = new ArrayList<>(List.of("-s", item.service()));
    item.account().ifPresent(a -> filters.addAll(List.of("-a", a)));
    return filters;
  }

  /** Reads every item of {@code reads}; the first failure fails them all. */
  static Map<Reference, Optional<Secret>> runAll(List<KeychainRead> reads, SecurityTool security)
      throws StoreException {
    List<Optional<Secret>> results =
        ParallelCalls.map(reads, PARALLEL_READS, "keyrun-keychain-read", r -> r.read(security));
    Map<Reference, Optional<Secret>> values = new LinkedHashMap<>();
    for (int i = 0; i < reads.size(); i++) {
      values.put(reads.get(i).reference, results.get(i));
    }
    return values;
  }

  Optional<Secret> read(SecurityTool security) throws StoreException {
    List<String> arguments = new ArrayList<>(List.of("find-generic-password"));
    arguments.addAll(filters(item));
    arguments.add("-w");

    HelperProcess.Result result = security.run(arguments, null);
    if (result.exitCode() == SecurityTool.NOT_FOUND) {
      return Optional.empty();
    }
    if (result.exitCode() != 0) {
      throw security.failure(result);
    }

    byte[] text = PasswordOutput.stripNewline(result.stdout());
    Arrays.fill(result.stdout(), (byte) 0);
    byte[] value =
        PasswordOutput.mayBeHex(text) && printedAsHex(security)
            ? PasswordOutput.decodeHex(text)
            : text;
    Secret secret = Secret.of(value);
    Arrays.fill(text, (byte) 0);
    Arrays.fill(value, (byte) 0);
    return Optional.of(secret);
  }

  /** Asks {@code security -g}, whose stderr marks hex output with {@code 0x}. */
  private boolean printedAsHex(SecurityTool security) throws StoreException {
    List<String> arguments = new ArrayList<>(List.of("find-generic-password"));
    arguments.addAll(filters(item));
    arguments.add("-g");

    HelperProcess.Result result = security.run(arguments, null);
    if (result.exitCode() != 0) {
      // stderr of -g may contain the password, so only the exit status is used.
      throw security.failure(new HelperProcess.Result(result.exitCode(), new byte[0], new byte[0]));
    }
    boolean hex = PasswordOutput.isHexForm(result.stderr());
    Arrays.fill(result.stderr(), (byte) 0);
    return hex;
  }
}
