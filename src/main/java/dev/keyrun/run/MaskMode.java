package dev.keyrun.run;

/** Whether keyrun masks secret values in the command's output. */
public enum MaskMode {
  /** Mask each of stdout and stderr that is not a terminal. */
  AUTO,
  /** Mask both, running the command on a pseudo-terminal when stdout is a terminal. */
  ON,
  /** Pass the output through untouched. */
  OFF
}
