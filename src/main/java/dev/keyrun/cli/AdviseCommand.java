package dev.keyrun.cli;

import dev.keyrun.KeyrunException;
import dev.keyrun.advise.AdviceReport;
import dev.keyrun.advise.Advisor;
import dev.keyrun.advise.Answer;
import dev.keyrun.advise.Answers;
import dev.keyrun.advise.MachineFacts;
import dev.keyrun.launch.Posix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code keyrun advise}: recommends where keys should live on this machine from three answers,
 * given as flags, asked on a terminal, or inferred. It reads no secret.
 */
final class AdviseCommand {
  static final String SINGLE_USER = "--single-user";
  static final String SHARED_MACHINE = "--shared-machine";
  static final String ONE_MACHINE = "--one-machine";
  static final String MANY_MACHINES = "--many-machines";
  static final String INTERNET_FACING = "--internet-facing";
  static final String NOT_INTERNET_FACING = "--not-internet-facing";

  private final PrintStream stdout;
  private final PrintStream stderr;
  private BufferedReader terminal;

  AdviseCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static CommandSpec spec() {
    CommandSpec advise = CommandSpecs.command("advise");
    advise
        .usageMessage()
        .description(
            "Recommend where keys should live on this machine, and print the keyrun commands that"
                + " set it up. Three questions decide: a shared machine, keys on several"
                + " machines, internet-facing. Flags answer them. On a terminal keyrun asks the"
                + " others, and otherwise it infers them from the machine and says what it"
                + " assumed. Reads no secret. Exit status: 0, or 2 for invalid options.");
    advise.addOption(
        CommandSpecs.flag(
            SINGLE_USER,
            "You are the only user of this machine and run no code from unknown sources."));
    advise.addOption(
        CommandSpecs.flag(
            SHARED_MACHINE,
            "Other people use this machine, or it runs code from unknown sources."));
    advise.addOption(
        CommandSpecs.flag(
            MANY_MACHINES, "The same keys are used on several machines, or rotated often."));
    advise.addOption(CommandSpecs.flag(ONE_MACHINE, "The keys are used on this machine only."));
    advise.addOption(
        CommandSpecs.flag(INTERNET_FACING, "This machine is reachable from the internet."));
    advise.addOption(
        CommandSpecs.flag(NOT_INTERNET_FACING, "This machine is not reachable from the internet."));
    advise.addOption(CommandSpecs.format("text (default) or json (one object)."));
    return advise;
  }

  int advise(ParseResult parsed, InputStream stdin) throws IOException {
    boolean json = ProjectFiles.jsonFormat(parsed);
    Optional<Boolean> shared = flag(parsed, SHARED_MACHINE, SINGLE_USER);
    Optional<Boolean> many = flag(parsed, MANY_MACHINES, ONE_MACHINE);
    Optional<Boolean> internet = flag(parsed, INTERNET_FACING, NOT_INTERNET_FACING);

    MachineFacts facts = new MachineFacts(System.getenv());
    boolean interactive = Posix.isTerminal(0) && Posix.isTerminal(2);
    if (interactive) {
      terminal = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    Answer sharedAnswer =
        answer(
            shared,
            facts.sharedMachine(),
            "Do other people use this machine, or does it run code from unknown sources?");
    Answer manyAnswer =
        answer(
            many,
            facts.manyMachines(),
            "Are the same keys used on several machines, or rotated often?");
    Answer internetAnswer =
        answer(internet, facts.internetFacing(), "Is this machine reachable from the internet?");

    Answers answers = new Answers(sharedAnswer, manyAnswer, internetAnswer);
    boolean onePassword = facts.onePasswordAvailable();
    boolean keyring = facts.keyringAvailable();
    AdviceReport report =
        new AdviceReport(
            answers,
            onePassword,
            keyring,
            Advisor.recommend(
                sharedAnswer.yes(), manyAnswer.yes(), internetAnswer.yes(), onePassword, keyring));
    stdout.print(json ? report.json() : report.text());
    stdout.flush();
    if (stdout.checkError()) {
      throw KeyrunException.failed("stdout", "writing the recommendation failed", null);
    }
    return 0;
  }

  /** Returns true for {@code yes}, false for {@code no}, empty when neither flag is given. */
  private static Optional<Boolean> flag(ParseResult parsed, String yes, String no) {
    boolean yesGiven = parsed.hasMatchedOption(yes);
    boolean noGiven = parsed.hasMatchedOption(no);
    if (yesGiven && noGiven) {
      throw KeyrunException.failed(yes + " and " + no, "given together", "choose one of them");
    }
    return yesGiven || noGiven ? Optional.of(yesGiven) : Optional.empty();
  }

  private Answer answer(Optional<Boolean> flag, Answer inferred, String question)
      throws IOException {
    if (flag.isPresent()) {
      return Answer.flag(flag.get());
    }
    if (terminal == null) {
      return inferred;
    }
    return ask(question, inferred.yes());
  }

  /** Asks a yes/no question on stderr until the terminal gives y, n or an empty line. */
  private Answer ask(String question, boolean defaultYes) throws IOException {
    while (true) {
      stderr.print(question + (defaultYes ? " [Y/n] " : " [y/N] "));
      stderr.flush();
      String line = terminal.readLine();
      if (line == null) {
        stderr.println();
        return Answer.prompt(defaultYes);
      }
      String reply = line.strip().toLowerCase(java.util.Locale.ROOT);
      if (reply.isEmpty()) {
        return Answer.prompt(defaultYes);
      }
      if (reply.equals("y") || reply.equals("yes")) {
        return Answer.prompt(true);
      }
      if (reply.equals("n") || reply.equals("no")) {
        return Answer.prompt(false);
      }
      stderr.println("keyrun: advise: invalid reply, expected y or n");
    }
  }
}
