package dev.keyrun.backend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A resolved secret value. It never prints itself: {@link #toString()} is redacted, so a secret
 * that ends up in a log line, an exception or a debugger shows only its length.
 */
public final class Secret {
  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static Secret of(byte[] bytes) {
    return new Secret(bytes.clone());
  }

  /** Wraps the UTF-8 encoding of {@code text}. */
  public static Secret ofUtf8(String text) {
    return new Secret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a copy of the value's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the value decoded as UTF-8, for composing it into a larger value. */
  public String decodeUtf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public int length() {
    return bytes.length;
  }

  /** Overwrites the bytes, for callers that are done with the value. */
  public void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "Secret[redacted, " + bytes.length + " bytes]";
  }
}
