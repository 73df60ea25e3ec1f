package dev.keyrun.advise;

import java.util.ArrayList;
import java.util.List;

/** Finds the people's accounts in an /etc/passwd text (passwd(5)). */
final class LoginAccounts {
  /** The first uid that useradd gives to people rather than to system services. */
  private static final long FIRST_USER_UID = 1000;

  /** The uid of {@code nobody}, which is above 1000 but no one logs in as. */
  private static final long NOBODY_UID = 65534;

  private LoginAccounts() {}

  /** Returns the names of accounts with a uid of 1000 or more and a shell that allows a login. */
  static List<String> parse(String passwd) {
    List<String> accounts = new ArrayList<>();
    for (String line : passwd.split("\n")) {
      String[] fields = line.split(":", -1);
      if (fields.length < 7 || line.startsWith("#")) {
        continue;
      }
      long uid = uid(fields[2]);
      if (uid >= FIRST_USER_UID && uid != NOBODY_UID && isLoginShell(fields[6].strip())) {
        accounts.add(fields[0]);
      }
    }
    return accounts;
  }

  private static long uid(String field) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isLoginShell(String shell) {
    return !shell.isEmpty() && !shell.endsWith("/nologin") && !shell.endsWith("/false");
  }
}
