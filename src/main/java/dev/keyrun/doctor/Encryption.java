package dev.keyrun.doctor;

/**
 * Whether a filesystem's data reaches the disk encrypted, as {@link BlockDevices} finds it.
 *
 * @param state the outcome
 * @param detail for {@link State#ENCRYPTED} the crypt layer, such as {@code LUKS2}; for {@link
 *     State#NOT_ENCRYPTED} the device that stores the data without a crypt layer, such as {@code
 *     /dev/sda2}; for {@link State#UNKNOWN} the reason; for {@link State#IN_MEMORY} the type
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
