package dev.keyrun.launch;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The path, argv and envp of a program to start, laid out in native memory as execve and
 * posix_spawn expect: NUL-terminated byte strings and NULL-terminated pointer arrays.
 *
 * <p>The environment holds secret values, so {@link #wipe()} overwrites every block once the child
 * has started.
 */
final class NativeArguments {
  private final List<Memory> blocks = new ArrayList<>();
  private final Pointer path;
  private final Pointer argv;
  private final Pointer envp;

  NativeArguments(byte[] path, List<byte[]> argv, List<byte[]> environment) {
    this.path = string(path);
    this.argv = array(argv);
    this.envp = array(environment);
  }

  Pointer path() {
    return path;
  }

  Pointer argv() {
    return argv;
  }

  Pointer envp() {
    return envp;
  }

  void wipe() {
    for (Memory block : blocks) {
      block.clear();
    }
  }

  private Memory string(byte[] bytes) {
    Memory memory = new Memory(bytes.length + 1L);
    memory.write(0, bytes, 0, bytes.length);
    memory.setByte(bytes.length, (byte) 0);
    blocks.add(memory);
    return memory;
  }

  private Memory array(List<byte[]> strings) {
    Memory memory = new Memory((strings.size() + 1L) * Native.POINTER_SIZE);
    for (int i = 0; i < strings.size(); i++) {
      memory.setPointer((long) i * Native.POINTER_SIZE, string(strings.get(i)));
    }
    memory.setPointer((long) strings.size() * Native.POINTER_SIZE, null);
    blocks.add(memory);
    return memory;
  }
}
