package dev.keyrun.run;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The requested way for keys to reach the command: as environment variables (the default), or as
 * files in a private directory or in memory.
 *
 * @param allFiles every key as a file ({@code --as-files})
 * @param fileKeys keys delivered as files ({@code --file})
 * @param environmentKeys keys set as environment variables even where files are the default ({@code
 *     --as-env})
 * @param memoryFiles back the files by memory descriptors instead of a directory ({@code --memfd})
 */
public record Delivery(
    boolean allFiles, Set<String> fileKeys, Set<String> environmentKeys, boolean memoryFiles) {

  public Delivery {
    fileKeys = Collections.unmodifiableSet(new LinkedHashSet<>(fileKeys));
    environmentKeys = Collections.unmodifiableSet(new LinkedHashSet<>(environmentKeys));
  }

  /** Returns the default: environment variables, except for stores whose default is a file. */
  public static Delivery environment() {
    return new Delivery(false, Set.of(), Set.of(), false);
  }
}
