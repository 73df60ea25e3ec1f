package dev.keyrun.advise;

import java.util.List;

/**
 * Where keys should live on a machine and how they reach a command.
 *
 * @param setup a short name of the setup: {@code server}, {@code many-machines}, {@code
 *     shared-machine} or {@code laptop}
 * @param store the store that contains the values
 * @param delivery how a command receives the values
 * @param masking the masking setting to use
 * @param why the reasons for the choice
 * @param steps the commands and config lines that set it up, in order
 */
public record Recommendation(
    String setup,
    String store,
    String delivery,
    String masking,
    List<String> why,
    List<String> steps) {
  public Recommendation {
    why = List.copyOf(why);
    steps = List.copyOf(steps);
  }
}
