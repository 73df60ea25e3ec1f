package dev.keyrun.advise;

/** The three answers that {@code keyrun advise} decides from. */
public record Answers(Answer sharedMachine, Answer manyMachines, Answer internetFacing) {}
