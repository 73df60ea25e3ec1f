package dev.keyrun.run;

import dev.keyrun.dotenv.ExpandedValue;

/**
 * A key the child should receive and where it was declared: a line of an env file, or keyrun's own
 * environment when an inherited variable holds a reference.
 */
record Declaration(String key, ExpandedValue value, boolean inherited) {

  /** Returns where the key was declared, such as {@code .env:3} or {@code environment}. */
  String origin() {
    return inherited ? "environment" : value.source() + ":" + value.line();
  }
}
