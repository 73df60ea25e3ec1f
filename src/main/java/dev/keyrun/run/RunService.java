package dev.keyrun.run;

import dev.keyrun.KeyrunException;
import dev.keyrun.backend.BackendRegistry;
import dev.keyrun.backend.Resolver;
import dev.keyrun.backend.StoreContext;
import dev.keyrun.backend.StoreSettings;
import dev.keyrun.dotenv.ExpandedValue;
import dev.keyrun.launch.Launcher;
import dev.keyrun.launch.Supervision;
import dev.keyrun.reference.Scheme;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command with its secrets: load the env files, select the keys, resolve them all, build the
 * child's environment, then exec or supervise. Nothing starts unless every key resolved.
 */
public final class RunService {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private final BackendRegistry registry;
  private final Map<String, byte[]> environment;
  private final Path home;
  private final StoreSettings settings;
  private final PrintStream stderr;

  public RunService(
      BackendRegistry registry,
      Map<String, byte[]> environment,
      Path home,
      StoreSettings settings,
      PrintStream stderr) {
    this.registry = registry;
    this.environment = environment;
    this.home = home;
    this.settings = settings;
    this.stderr = stderr;
  }

  /** Runs the request and returns keyrun's exit status (in exec mode it does not return). */
  public int run(RunRequest request) {
    Map<String, ExpandedValue> declared =
        ProjectDeclarations.declared(
            request.project(),
            EnvFiles.load(request.envFiles(), environment, request.project().isPresent()));
    List<Declaration> selected = Selection.select(declared, environment, request);
    DeliveryPlan delivery =
        DeliveryPlan.of(
            selected,
            ProjectDeclarations.delivery(request.delivery(), request.project(), selected));
    logSelection(selected);
    warnAboutLikelyMistakes(request, selected, delivery);

    long started = System.nanoTime();
    StoreContext context =
        new StoreContext(environment, home, Instant.now().plus(request.timeout()), settings);
    Composer composer = new Composer(new Resolver(registry), context);
    Set<String> optional = ProjectDeclarations.optionalKeys(request.project(), declared);
    Map<String, byte[]> values =
        composer.compose(selected, request.timeout(), delivery::isVariable, optional::contains);
    if (values.size() < selected.size()) {
      selected = Selection.present(selected, values.keySet());
      delivery = delivery.retain(values.keySet());
    }
    LOG.info(
        "resolved {} in {} ms",
        values.size() == 1 ? "1 key" : values.size() + " keys",
        (System.nanoTime() - started) / 1_000_000);
    InventoryHook.record(selected, environment, home);

    OutputMasking masking = OutputMasking.decide(request.mask(), values, composer.secrets());
    boolean supervised = request.supervise() || masking.active();
    if (supervised || !delivery.files().isEmpty()) {
      Launcher.holdSignals();
    }
    ChildFiles files = ChildFiles.write(delivery, values, environment, supervised);
    try {
      Map<String, byte[]> child = childEnvironment(selected, values, request, delivery);
      files.addTo(child);
      return launch(request, child, masking, files);
    } finally {
      removeFiles(files);
    }
  }

  /**
   * Removes the secret files, reporting a failure on stderr rather than throwing, so that the
   * command's exit status stays keyrun's.
   */
  private void removeFiles(ChildFiles files) {
    try {
      files.remove();
    } catch (KeyrunException e) {
      stderr.println("keyrun: " + e.subject() + ": " + e.problem());
      stderr.println("keyrun: hint: " + e.hint());
    }
  }

  private int launch(
      RunRequest request, Map<String, byte[]> child, OutputMasking masking, ChildFiles files) {
    String program = request.command().get(0);
    if (request.supervise() || masking.active() || files.needsSupervision()) {
      LOG.info("starting {} as a supervised child", program);
      Supervision supervision =
          new Supervision(
              masking.stdout(),
              masking.stderr(),
              masking.terminal(),
              files.descriptors(),
              files::commandStarted,
              () -> removeFiles(files));
      return Launcher.supervise(request.command(), child, environment, supervision);
    }
    LOG.info("replacing keyrun with {} (exec)", program);
    Launcher.exec(request.command(), child, environment, files.descriptors());
    throw new IllegalStateException("exec returned");
  }

  private Map<String, byte[]> childEnvironment(
      List<Declaration> selected,
      Map<String, byte[]> values,
      RunRequest request,
      DeliveryPlan delivery) {
    Map<String, byte[]> child = CleanEnvironment.inherited(environment, request.cleanEnv());
    if (!request.only().isEmpty()) {
      // A launch narrowed by --only gets no other secret, not even as an unresolved reference.
      child.entrySet().removeIf(entry -> Selection.isInheritedReference(entry.getValue()));
    }

    OverrideNotice notice = new OverrideNotice(request.project().isPresent());
    for (Declaration declaration : selected) {
      if (!delivery.isVariable(declaration.key())) {
        // A key delivered only as a file must not reach the command through an inherited
        // variable of the same name either.
        byte[] inherited = child.remove(declaration.key());
        if (!declaration.inherited() && inherited != null) {
          notice.removedForFile(declaration.key());
        }
        continue;
      }
      byte[] inherited = child.get(declaration.key());
      byte[] value = values.get(declaration.key());
      if (!declaration.inherited() && inherited != null && !Arrays.equals(inherited, value)) {
        notice.replaced(declaration.key());
      }
      child.put(declaration.key(), value);
    }

    notice.print(stderr);
    return child;
  }

  /**
   * Notes on stderr what usually means a mistake: nothing to inject at all, or a plain value that
   * looks like a misspelt reference. The notice names the key and the scheme it probably meant,
   * never the value.
   */
  private void warnAboutLikelyMistakes(
      RunRequest request, List<Declaration> selected, DeliveryPlan delivery) {
    if (selected.isEmpty() && request.envFiles().isEmpty() && request.project().isEmpty()) {
      stderr.println(
          "keyrun: notice: no .env in "
              + Path.of("").toAbsolutePath()
              + " and no --env-file given; "
              + request.command().get(0)
              + " runs without secrets");
    }
    warnAboutCredentialsInEnvironment(selected, delivery);
    for (Declaration declaration : selected) {
      ExpandedValue value = declaration.value();
      if (declaration.inherited() || !value.isPlain() || !value.plaintextInFile()) {
        continue;
      }
      Scheme.closestTo(value.plainText())
          .ifPresent(
              scheme ->
                  stderr.println(
                      "keyrun: notice: "
                          + declaration.key()
                          + " ("
                          + declaration.origin()
                          + ") is a plain value that looks like a misspelt "
                          + scheme.prefix()
                          + " reference"));
    }
  }

  /**
   * Notes that systemd credentials passed as environment variables become readable where files in a
   * unit's credential directory were not: in {@code /proc/PID/environ}, crash dumps and every child
   * process.
   */
  private void warnAboutCredentialsInEnvironment(
      List<Declaration> selected, DeliveryPlan delivery) {
    List<String> keys = new ArrayList<>();
    for (Declaration declaration : selected) {
      if (!CredentialNames.in(declaration.value()).isEmpty()
          && delivery.isVariable(declaration.key())) {
        keys.add(declaration.key());
      }
    }
    if (keys.size() == 1) {
      stderr.println(
          "keyrun: notice: "
              + keys.get(0)
              + " (from systemd credentials) reaches the command as an environment variable,"
              + " which exposes it in /proc/PID/environ and to every child process");
    } else if (!keys.isEmpty()) {
      stderr.println(
          "keyrun: notice: "
              + String.join(", ", keys)
              + " (from systemd credentials) reach the command as environment variables, which"
              + " exposes them in /proc/PID/environ and to every child process");
    }
  }

  private static void logSelection(List<Declaration> selected) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, String> origins = new LinkedHashMap<>();
    for (Declaration declaration : selected) {
      origins.put(declaration.key(), describe(declaration));
    }
    origins.forEach((key, origin) -> LOG.info("{}: {}", key, origin));
  }

  /** Describes where a key's value comes from, naming references but never a plain value. */
  private static String describe(Declaration declaration) {
    List<String> references = new ArrayList<>();
    for (dev.keyrun.dotenv.Piece piece : declaration.value().pieces()) {
      if (piece.reference()) {
        references.add(piece.text());
      }
    }
    String source = references.isEmpty() ? "plain value" : String.join(" + ", references);
    return source + " (" + declaration.origin() + ")";
  }
}
