package dev.keyrun.advise;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds listening sockets on addresses other than loopback in a /proc/net/tcp or /proc/net/tcp6
 * text (proc(5)).
 */
final class ListeningSockets {
  /** The {@code st} column of a socket in the TCP LISTEN state. */
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Returns each listening non-loopback socket as {@code address:port}, in table order. */
  static List<String> parse(String table) {
    List<String> sockets = new ArrayList<>();
    String[] lines = table.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] columns = lines[i].strip().split("\\s+");
      if (columns.length < 4 || !columns[3].equalsIgnoreCase(LISTEN)) {
        continue;
      }
      String[] local = columns[1].split(":");
      if (isWellFormed(local) && !isLoopback(local[0])) {
        sockets.add(address(local[0]) + ":" + Integer.parseInt(local[1], 16));
      }
    }
    return sockets;
  }

  // NOTE: the kernel prints each 32-bit word of an address in host byte order. These methods
  // read them as little-endian (x86-64, arm64); on a big-endian machine they misread addresses.

  /** Tells whether {@code local} is an 8 or 32 digit hex address and a 4 digit hex port. */
  private static boolean isWellFormed(String[] local) {
    return local.length == 2
        && local[0].matches("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}")
        && local[1].matches("[0-9A-Fa-f]{4}");
  }

  private static boolean isLoopback(String hex) {
    if (hex.length() == 8) {
      return firstOctet(hex) == 127;
    }
    String upper = hex.toUpperCase(java.util.Locale.ROOT);
    if (upper.equals("00000000000000000000000001000000")) {
      return true;
    }
    boolean mappedIpv4 = upper.startsWith("0000000000000000FFFF0000");
    return mappedIpv4 && firstOctet(upper.substring(24)) == 127;
  }

  private static int firstOctet(String word) {
    return Integer.parseInt(word.substring(6, 8), 16);
  }

  private static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    if (hex.toUpperCase(java.util.Locale.ROOT).startsWith("0000000000000000FFFF0000")) {
      return ipv4(hex.substring(24));
    }
    List<String> groups = new ArrayList<>();
    for (int word = 0; word < 4; word++) {
      String bytes = hex.substring(word * 8, word * 8 + 8);
      groups.add(group(bytes.substring(6, 8) + bytes.substring(4, 6)));
      groups.add(group(bytes.substring(2, 4) + bytes.substring(0, 2)));
    }
    StringBuilder text = new StringBuilder("[").append(String.join(":", groups));
    return text.append(']').toString();
  }

  private static String group(String hex) {
    return Integer.toHexString(Integer.parseInt(hex, 16));
  }

  private static String ipv4(String hex) {
    return Integer.parseInt(hex.substring(6, 8), 16)
        + "."
        + Integer.parseInt(hex.substring(4, 6), 16)
        + "."
        + Integer.parseInt(hex.substring(2, 4), 16)
        + "."
        + Integer.parseInt(hex.substring(0, 2), 16);
  }
}
