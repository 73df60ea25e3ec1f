package dev.keyrun.doctor;

/**
 * Whether a filesystem's data reaches the disk encrypted, as {@link BlockDevices} finds it.
 *
 * @param state the outcome
 * @param detail the crypt layer (such as {@code dm-crypt LUKS2}) when encrypted, the device that
 *     stores the data without one (such as {@code /dev/sda2}) when not encrypted, the filesystem
 *     type when in memory, and the reason when unknown
 */
record Encryption(State state, String detail) {
  enum State {
    ENCRYPTED,
    NOT_ENCRYPTED,
    IN_MEMORY,
    UNKNOWN
  }

  static Encryption encrypted(String layer) {
    return new Encryption(State.ENCRYPTED, layer);
  }

  static Encryption notEncrypted(String device) {
    return new Encryption(State.NOT_ENCRYPTED, device);
  }

  static Encryption unknown(String reason) {
    return new Encryption(State.UNKNOWN, reason);
  }
}
