package dev.keyrun.launch;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The file actions of a posix_spawn call: descriptors the child gets in place of the ones it would
 * inherit, such as the write end of a pipe as its stdout. With no action added, the child inherits
 * keyrun's descriptors unchanged.
 */
final class SpawnActions implements AutoCloseable {
  /** Larger than posix_spawn_file_actions_t on Linux (80 bytes) and macOS (a pointer). */
  private static final int OPAQUE_STRUCT_SIZE = 1024;

  private final Memory actions = new Memory(OPAQUE_STRUCT_SIZE);
  private boolean empty = true;

  SpawnActions() {
    actions.clear();
    LibC.INSTANCE.posix_spawn_file_actions_init(actions);
  }

  /** Makes the child's descriptor {@code target} a copy of keyrun's descriptor {@code fd}. */
  void duplicate(int fd, int target) {
    int error = LibC.INSTANCE.posix_spawn_file_actions_adddup2(actions, fd, target);
    if (error != 0) {
      throw new IllegalStateException(
          "posix_spawn_file_actions_adddup2 failed: " + Posix.describeError(error));
    }
    empty = false;
  }

  /** Returns the actions to pass to posix_spawn, or NULL when there are none. */
  Pointer pointer() {
    return empty ? null : actions;
  }

  @Override
  public void close() {
    LibC.INSTANCE.posix_spawn_file_actions_destroy(actions);
  }
}
